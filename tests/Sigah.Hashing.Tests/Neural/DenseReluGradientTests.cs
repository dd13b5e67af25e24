using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class DenseReluGradientTests
{
    private const int Batch = 3, Inputs = 5, Outputs = 4;

    // Step 1e-3: the network is piecewise linear, so away from the ReLU kinks the central difference has no truncation
    // error; what remains is float rounding of the 12 outputs (~1e-7 each, summed in double) over 2e-3, about 2e-4.
    // Hence an absolute tolerance of 1e-3 on gradients of order 1. The pre-activations are asserted to stay at least
    // 0.01 from 0, further than a 1e-3 step can move them (inputs and weights are below 1 in magnitude, 5 terms).
    private const float Step = 1e-3f;
    private const double Absolute = 1e-3, Relative = 1e-3;

    [Fact]
    public void Backward_matches_finite_differences_for_input_weights_and_bias()
    {
        var random = new Random(7);
        var dense = new Dense(Inputs, Outputs, WeightInit.XavierUniform, random);
        FiniteDifference.Uniform(random, Outputs).CopyTo(dense.Bias.Value, 0);
        var network = new Sequential(dense, new Relu(Outputs));
        var input = FiniteDifference.Uniform(random, Batch * Inputs);
        var probe = FiniteDifference.Uniform(random, Batch * Outputs);
        var buffers = network.CreateBuffers(Batch);

        network.Forward(buffers, input, Batch);
        Assert.All(buffers.LayerOutput(0).ToArray(), z => Assert.True(Math.Abs(z) > 0.01, $"pre-activation {z} too close to the kink"));
        Assert.Contains(buffers.Output.ToArray(), y => y == 0f);
        Assert.Contains(buffers.Output.ToArray(), y => y > 0f);

        var inputGradient = new float[Batch * Inputs];
        network.Backward(buffers, probe, inputGradient);
        var checkBuffers = network.CreateBuffers(Batch);
        double Loss() => FiniteDifference.Probe(network.Forward(checkBuffers, input, Batch), probe);

        FiniteDifference.AssertGradient(Loss, input, inputGradient, Step, Absolute, Relative, "input");
        FiniteDifference.AssertGradient(Loss, dense.Weight.Value, dense.Weight.Gradient, Step, Absolute, Relative, "weight");
        FiniteDifference.AssertGradient(Loss, dense.Bias.Value, dense.Bias.Gradient, Step, Absolute, Relative, "bias");
    }

    [Fact]
    public void Backward_accumulates_parameter_gradients_and_can_skip_them()
    {
        var random = new Random(3);
        var dense = new Dense(Inputs, Outputs, WeightInit.KaimingNormal, random);
        var network = new Sequential(dense);
        var input = FiniteDifference.Uniform(random, Batch * Inputs);
        var probe = FiniteDifference.Uniform(random, Batch * Outputs);
        var buffers = network.CreateBuffers(Batch);

        network.Forward(buffers, input, Batch);
        network.Backward(buffers, probe);
        var once = dense.Weight.Gradient.ToArray();
        network.Backward(buffers, probe);
        Assert.Equal(once.Select(g => 2 * g), dense.Weight.Gradient);

        var frozen = dense.Weight.Gradient.ToArray();
        var inputGradient = new float[Batch * Inputs];
        network.Backward(buffers, probe, inputGradient, parameterGradients: false);
        Assert.Equal(frozen, dense.Weight.Gradient);
        Assert.Contains(inputGradient, g => g != 0f);

        network.ZeroGradients();
        Assert.All(dense.Weight.Gradient, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Forward_equals_the_textbook_formula_and_predict_agrees()
    {
        var random = new Random(11);
        var dense = new Dense(Inputs, Outputs, WeightInit.KaimingNormal, random);
        FiniteDifference.Uniform(random, Outputs).CopyTo(dense.Bias.Value, 0);
        var network = new Sequential(dense, new Relu(Outputs));
        var input = FiniteDifference.Uniform(random, Batch * Inputs);

        var output = new float[Batch * Outputs];
        network.Predict(input, output, Batch);
        var trained = network.Forward(network.CreateBuffers(Batch), input, Batch).ToArray();
        for (int r = 0; r < Batch; r++)
            for (int o = 0; o < Outputs; o++)
            {
                double z = dense.Bias.Value[o];
                for (int i = 0; i < Inputs; i++) z += (double)input[r * Inputs + i] * dense.Weight.Value[o * Inputs + i];
                Assert.Equal(Math.Max(z, 0), output[r * Outputs + o], 5);
            }
        Assert.Equal(output, trained);
    }
}
