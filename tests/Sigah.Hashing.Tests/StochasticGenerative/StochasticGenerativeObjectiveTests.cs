using Sigah.Hashing.StochasticGenerative;
using Sigah.Hashing.Tests.Neural;

namespace Sigah.Hashing.Tests.StochasticGenerative;

public class StochasticGenerativeObjectiveTests
{
    private const int Batch = 3, Dimension = 5, Bits = 4;
    private const float Alpha = 0.7f;

    [Fact]
    public void Value_equals_the_hand_computed_bound_for_one_row()
    {
        // x = (1, 2), x̂ = (0, 2): ½‖x − x̂‖² = 0.5. z = (0, ln 3), h = (1, 0): log q = log ½ + log ¼ = −ln 8.
        // L = 0.5 + α·(−ln 8).
        float[] reconstructionGradient = new float[2], codeGradient = new float[2], logitGradient = new float[2];
        float[] logits = [0f, MathF.Log(3f)];
        double loss = StochasticGenerativeObjective.Compute(1, Alpha, [1f, 2f], [0f, 2f], reconstructionGradient,
            logits, [0.5f, 0.75f], [1f, 0f], codeGradient, logitGradient);
        Assert.Equal(0.5 - Alpha * Math.Log(8), loss, 6);
        Assert.Equal([-1f, 0f], reconstructionGradient);
    }

    [Fact]
    public void Partial_derivatives_match_finite_differences()
    {
        var random = new Random(5);
        var inputs = FiniteDifference.Uniform(random, Batch * Dimension);
        var reconstructions = FiniteDifference.Uniform(random, Batch * Dimension);
        var logits = FiniteDifference.Uniform(random, Batch * Bits, scale: 2);
        // The codes enter the bound linearly, so they may be probed as real numbers.
        var codes = Enumerable.Range(0, Batch * Bits).Select(i => (float)(i % 2)).ToArray();
        var reconstructionGradient = new float[Batch * Dimension];
        var codeGradient = new float[Batch * Bits];
        var logitGradient = new float[Batch * Bits];

        // Reads the current (probed) values of x̂, z and h; p follows z.
        double Loss()
        {
            var p = logits.Select(z => (float)(1 / (1 + Math.Exp(-z)))).ToArray();
            return StochasticGenerativeObjective.Compute(Batch, Alpha, inputs, reconstructions, new float[reconstructions.Length],
                logits, p, codes, new float[codes.Length], new float[codes.Length]);
        }
        var probabilities = logits.Select(z => (float)(1 / (1 + Math.Exp(-z)))).ToArray();
        StochasticGenerativeObjective.Compute(Batch, Alpha, inputs, reconstructions, reconstructionGradient, logits, probabilities, codes,
            codeGradient, logitGradient);

        // Quadratic in x̂ and linear in h: the central difference is exact up to float rounding of the inputs.
        FiniteDifference.AssertGradient(Loss, reconstructions, reconstructionGradient, 1e-2f, 1e-4, 1e-3, "x̂");
        FiniteDifference.AssertGradient(Loss, codes, codeGradient, 1e-2f, 1e-4, 1e-3, "h");
        // log q is smooth in z with bounded third derivative (softplus): a 1e-2 step errs by under 1e-5.
        FiniteDifference.AssertGradient(Loss, logits, logitGradient, 1e-2f, 1e-4, 1e-3, "z");
    }
}
