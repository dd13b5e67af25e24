using Sigah.Hashing.StochasticGenerative;
using Sigah.Hashing.Tests.Neural;

namespace Sigah.Hashing.Tests.StochasticGenerative;

public class DistributionalStraightThroughTests
{
    [Fact]
    public void Codes_are_one_with_frequency_p_over_an_even_grid_of_uniforms()
    {
        // With ξ on the grid (j + ½)/N, the fraction of ξ below p is within 1/N of p: h ~ Bernoulli(σ(z)).
        const int N = 1000;
        float[] logits = [-3f, -0.4f, 0f, 1.2f, 5f];
        foreach (float z in logits)
        {
            var uniforms = Enumerable.Range(0, N).Select(j => (j + 0.5f) / N).ToArray();
            var zs = Enumerable.Repeat(z, N).ToArray();
            var probabilities = new float[N];
            var codes = new float[N];
            DistributionalStraightThrough.Sample(zs, uniforms, probabilities, codes);
            double p = 1 / (1 + Math.Exp(-z));
            Assert.Equal(p, probabilities[0], 6);
            Assert.All(codes, h => Assert.True(h is 0f or 1f));
            Assert.InRange(codes.Average(), p - 1.0 / N, p + 1.0 / N);
        }
    }

    [Fact]
    public void Backward_is_the_gradient_of_the_expected_loss_when_the_loss_is_linear_in_the_codes()
    {
        // L = aᵀh has E[L] = aᵀσ(z); the estimator's p(1 − p)·a must equal d E[L] / dz, whatever ξ was drawn.
        var random = new Random(11);
        var logits = FiniteDifference.Uniform(random, 12, scale: 3);
        var weights = FiniteDifference.Uniform(random, 12);
        var probabilities = new float[12];
        var codes = new float[12];
        DistributionalStraightThrough.Sample(logits, FiniteDifference.Uniform(random, 12, 0.5).Select(u => u + 0.5f).ToArray(), probabilities, codes);
        var gradient = new float[12];
        DistributionalStraightThrough.Backward(probabilities, weights, gradient);

        double Expected()
        {
            double sum = 0;
            for (int i = 0; i < 12; i++) sum += weights[i] / (1 + Math.Exp(-logits[i]));
            return sum;
        }
        // σ has bounded third derivative (< 0.13), so a 1e-2 step leaves a truncation error below 1e-5.
        FiniteDifference.AssertGradient(Expected, logits, gradient, 1e-2f, 2e-5, 1e-4, "logits");
    }

    [Fact]
    public void Backward_adds_to_the_gradient_already_in_the_logit_buffer()
    {
        float[] probabilities = [0.5f, 0.2f];
        float[] logitGradient = [1f, -1f];
        DistributionalStraightThrough.Backward(probabilities, [4f, 10f], logitGradient);
        // 1 + 0.25·4 = 2 and −1 + 0.16·10 = 0.6.
        Assert.Equal(2f, logitGradient[0], 6);
        Assert.Equal(0.6f, logitGradient[1], 6);
    }
}
