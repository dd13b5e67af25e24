using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ComposedNetworkGradientTests
{
    private const int Batch = 3;

    // Step 1e-3 (the network's kinks sit inside the soft-threshold; its inputs are asserted ≥ 0.02 from ±λ, and a
    // 1e-3 change of one input, weight or bias moves them by less than that). Truncation of the smooth parts ~h² = 1e-6;
    // the double-summed loss of float outputs carries ~1e-8 rounding, over 2e-3 about 5e-6. Gradients are of order
    // 1e-2 (mean over 12 outputs), hence 2e-5 absolute plus 1 % relative.
    private const float Step = 1e-3f;
    private const double Absolute = 2e-5, Relative = 1e-2;

    [Fact]
    public void Every_gradient_of_a_six_layer_network_with_mse_matches_finite_differences()
    {
        var random = new Random(31);
        var shrink = new SoftThreshold(5, 0.1f);
        var network = new Sequential(
            new Dense(6, 8, WeightInit.KaimingNormal, random, "d1"),
            new Tanh(8),
            new Dense(8, 5, WeightInit.XavierUniform, random, "d2"),
            shrink,
            new Dense(5, 4, WeightInit.XavierUniform, random, "d3"),
            new Sigmoid(4));
        foreach (var p in network.Parameters.Where(p => p.Name.EndsWith(".bias", StringComparison.Ordinal)))
            FiniteDifference.Uniform(random, p.Length, 0.3).CopyTo(p.Value, 0);
        var input = FiniteDifference.Uniform(random, Batch * 6);
        var target = Enumerable.Range(0, Batch * 4).Select(_ => (float)random.NextDouble()).ToArray();

        var buffers = network.CreateBuffers(Batch);
        var output = network.Forward(buffers, input, Batch).ToArray();
        var beforeShrink = buffers.LayerOutput(2).ToArray();
        for (int i = 0; i < beforeShrink.Length; i++)
            Assert.True(Math.Abs(Math.Abs(beforeShrink[i]) - shrink.Threshold.Value[i % 5]) > 0.02, $"value {beforeShrink[i]} too close to ±λ");
        Assert.Contains(buffers.LayerOutput(3).ToArray(), v => v == 0f);

        var outputGradient = new float[output.Length];
        MeanSquaredError.Compute(output, target, outputGradient);
        var inputGradient = new float[input.Length];
        network.Backward(buffers, outputGradient, inputGradient);

        double Loss()
        {
            var y = new float[Batch * 4];
            network.Predict(input, y, Batch);
            return y.Zip(target, (a, t) => ((double)a - t) * ((double)a - t)).Average();
        }
        FiniteDifference.AssertGradient(Loss, input, inputGradient, Step, Absolute, Relative, "input");
        foreach (var p in network.Parameters)
            FiniteDifference.AssertGradient(Loss, p.Value, p.Gradient.ToArray(), Step, Absolute, Relative, p.Name);
    }

    [Fact]
    public void Mismatched_layer_sizes_are_rejected()
    {
        var random = new Random(1);
        var e = Assert.Throws<ArgumentException>(() => new Sequential(new Dense(4, 3, WeightInit.KaimingNormal, random), new Relu(5)));
        Assert.StartsWith("layer 1 takes 5 features but layer 0 gives 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_larger_than_the_buffers_is_rejected()
    {
        var network = new Sequential(new Relu(2));
        var buffers = network.CreateBuffers(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(buffers, new float[6], 3));
    }
}
