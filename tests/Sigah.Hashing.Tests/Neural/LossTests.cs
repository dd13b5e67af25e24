using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class LossTests
{
    private const int Count = 21; // SIMD body and scalar tail

    // Losses are means over 21 elements, so gradients are of order 0.05. Step 1e-2: MSE is quadratic (central
    // differences exact), BCE's third derivative is below 0.1/21 (truncation < 1e-6), hinge inputs are kept 0.05 from
    // the kink. The loss is returned in float (relative rounding ~1e-7 on values of order 1), over 2e-2: < 1e-5.
    private const float Step = 1e-2f;
    private const double Absolute = 2e-5, Relative = 1e-3;

    [Fact]
    public void Mse_value_and_gradient()
    {
        var random = new Random(1);
        var prediction = FiniteDifference.Uniform(random, Count);
        var target = FiniteDifference.Uniform(random, Count);
        var gradient = new float[Count];
        float loss = MeanSquaredError.Compute(prediction, target, gradient);
        Assert.Equal(prediction.Zip(target, (p, t) => (double)(p - t) * (p - t)).Average(), loss, 6);
        FiniteDifference.AssertGradient(() => MeanSquaredError.Compute(prediction, target, new float[Count]),
            prediction, gradient, Step, Absolute, Relative, "prediction");
    }

    [Fact]
    public void Bce_on_logits_value_matches_the_probability_form_and_gradient_matches_finite_differences()
    {
        var random = new Random(2);
        var logits = FiniteDifference.Uniform(random, Count, 4);
        var target = Enumerable.Range(0, Count).Select(_ => (float)random.NextDouble()).ToArray();
        var gradient = new float[Count];
        float loss = BinaryCrossEntropy.Compute(logits, target, gradient);
        double expected = logits.Zip(target, (z, t) =>
        {
            double s = 1 / (1 + Math.Exp(-z));
            return -(t * Math.Log(s) + (1 - t) * Math.Log(1 - s));
        }).Average();
        Assert.Equal(expected, loss, 5);
        FiniteDifference.AssertGradient(() => BinaryCrossEntropy.Compute(logits, target, new float[Count]),
            logits, gradient, Step, Absolute, Relative, "logits");
    }

    [Fact]
    public void Bce_stays_finite_for_saturated_logits()
    {
        var gradient = new float[2];
        float loss = BinaryCrossEntropy.Compute([100f, -100f], [0f, 1f], gradient);
        Assert.Equal(100f, loss, 3);
        Assert.Equal([0.5f, -0.5f], gradient);
    }

    [Fact]
    public void Hinge_value_and_gradient()
    {
        var random = new Random(3);
        var target = Enumerable.Range(0, Count).Select(_ => random.Next(2) == 0 ? -1f : 1f).ToArray();
        var prediction = LayerGradient.AwayFromZero(random, Count, 0.05, 2);
        for (int i = 0; i < Count; i++) prediction[i] += target[i]; // t·y − 1 = t·noise: away from the kink
        var gradient = new float[Count];
        float loss = HingeLoss.Compute(prediction, target, gradient);
        Assert.Equal(prediction.Zip(target, (y, t) => Math.Max(0, 1 - (double)t * y)).Average(), loss, 6);
        Assert.Contains(gradient, g => g == 0f);
        Assert.Contains(gradient, g => g != 0f);
        FiniteDifference.AssertGradient(() => HingeLoss.Compute(prediction, target, new float[Count]),
            prediction, gradient, Step, Absolute, Relative, "prediction");
    }

    [Fact]
    public void Hinge_with_margin_is_hand_computed()
    {
        var gradient = new float[3];
        // max(0, 2 − 1·3) = 0, max(0, 2 − (−1)(0.5)) = 2.5, max(0, 2 − 1·1) = 1; mean 3.5/3.
        float loss = HingeLoss.Compute([3f, 0.5f, 1f], [1f, -1f, 1f], gradient, margin: 2f);
        Assert.Equal(3.5f / 3, loss, 6);
        Assert.Equal([0f, 1f / 3, -1f / 3], gradient);
    }

    [Fact]
    public void Per_row_errors_and_their_weighted_gradient()
    {
        const int rows = 3, features = 7;
        var random = new Random(4);
        var prediction = FiniteDifference.Uniform(random, rows * features);
        var target = FiniteDifference.Uniform(random, rows * features);
        var errors = new float[rows];
        MeanSquaredError.PerRow(prediction, target, features, errors);
        for (int r = 0; r < rows; r++)
        {
            double e = 0;
            for (int j = 0; j < features; j++) e += Math.Pow(prediction[r * features + j] - target[r * features + j], 2);
            Assert.Equal(e / features, errors[r], 5);
        }

        float[] weights = [0.5f, -2f, 1f];
        var gradient = new float[rows * features];
        MeanSquaredError.PerRowGradient(prediction, target, features, weights, gradient);
        double Weighted()
        {
            var e = new float[rows];
            MeanSquaredError.PerRow(prediction, target, features, e);
            return e.Zip(weights, (a, w) => (double)a * w).Sum();
        }
        FiniteDifference.AssertGradient(Weighted, prediction, gradient, Step, 1e-4, Relative, "prediction");
    }
}
