using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ComposedNetworkGradientTests
{
    private const int Batch = 3;

    // Step 1e-3. The network is piecewise linear and the loss quadratic in its outputs, so away from the ReLU kinks the
    // central difference is exact; the pre-activations are asserted at least 0.02 from the kink, further than a 1e-3
    // change of one input, weight or bias moves them. What remains is the float rounding of the outputs (~1e-7 each, the
    // loss summed in double) over 2e-3, about 1e-6 on gradients of order 1e-2 (a mean over 12 outputs), hence 2e-5
    // absolute plus 1 % relative.
    private const float Step = 1e-3f;
    private const double Absolute = 2e-5, Relative = 1e-2;

    [Fact]
    public void Every_gradient_of_a_five_layer_network_with_squared_error_matches_finite_differences()
    {
        var random = new Random(31);
        var network = new Sequential(
            new Dense(6, 8, WeightInit.KaimingNormal, random, "d1"),
            new Relu(8),
            new Dense(8, 5, WeightInit.KaimingNormal, random, "d2"),
            new Relu(5),
            new Dense(5, 4, WeightInit.XavierUniform, random, "d3"));
        foreach (var p in network.Parameters.Where(p => p.Name.EndsWith(".bias", StringComparison.Ordinal)))
            FiniteDifference.Uniform(random, p.Length, 0.3).CopyTo(p.Value, 0);
        var input = FiniteDifference.Uniform(random, Batch * 6);
        var target = Enumerable.Range(0, Batch * 4).Select(_ => (float)random.NextDouble()).ToArray();

        var buffers = network.CreateBuffers(Batch);
        var output = network.Forward(buffers, input, Batch).ToArray();
        foreach (int layer in new[] { 0, 2 })
        {
            Assert.All(buffers.LayerOutput(layer).ToArray(), z => Assert.True(Math.Abs(z) > 0.02, $"pre-activation {z} too close to the kink"));
            Assert.Contains(buffers.LayerOutput(layer + 1).ToArray(), y => y == 0f);
        }

        // d/dy of the mean squared error over every output.
        var outputGradient = output.Zip(target, (y, t) => 2 * (y - t) / output.Length).ToArray();
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
