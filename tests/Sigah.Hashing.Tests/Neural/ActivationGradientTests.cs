using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ActivationGradientTests
{
    private const int Batch = 4, Size = 11; // 44 values: SIMD body and scalar tail both exercised

    // Step 1e-2 on inputs of order 1. Smooth activations (tanh, sigmoid): central-difference truncation h²·|f'''|/6 < 2e-5;
    // piecewise-linear ones have none because inputs are drawn at least 0.05 from every kink, beyond the step. Float
    // rounding of the 44 outputs (~6e-8 each, probe weights ≤ 1, summed in double) over 2e-2 adds < 2e-5. So 1e-4
    // absolute on derivatives of order 1 is both safe and tight enough to catch a wrong formula.
    private const float Step = 1e-2f;
    private const double Absolute = 1e-4, Relative = 1e-3;

    public static TheoryData<string> Activations => new() { "relu", "leaky", "tanh", "sigmoid" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Backward_matches_finite_differences(string name)
    {
        var random = new Random(name.Length * 31 + 1);
        ILayer layer = name switch
        {
            "relu" => new Relu(Size),
            "leaky" => new LeakyRelu(Size, 0.2f),
            "tanh" => new Tanh(Size),
            _ => new Sigmoid(Size),
        };
        var input = LayerGradient.AwayFromZero(random, Batch * Size, 0.05, 3);
        LayerGradient.Check(layer, input, Batch, random, Step, Absolute, Relative);
    }

    [Fact]
    public void Soft_threshold_gradients_for_input_and_threshold_match_finite_differences()
    {
        var random = new Random(19);
        var layer = new SoftThreshold(Size, 0f);
        for (int j = 0; j < Size; j++) layer.Threshold.Value[j] = (float)(0.2 + 0.6 * random.NextDouble());
        // Inputs at least 0.05 from both kinks ±λ of their feature, and some in each of the three pieces.
        var input = new float[Batch * Size];
        for (int i = 0; i < input.Length; i++)
        {
            float lambda = layer.Threshold.Value[i % Size];
            do input[i] = (float)((2 * random.NextDouble() - 1) * 2);
            while (Math.Abs(Math.Abs(input[i]) - lambda) < 0.05);
        }
        Assert.Contains(input.Select((v, i) => Math.Abs(v) < layer.Threshold.Value[i % Size]), inside => inside);
        LayerGradient.Check(layer, input, Batch, random, Step, Absolute, Relative);
        Assert.Contains(layer.Threshold.Gradient, g => g != 0f);
    }

    [Fact]
    public void Soft_threshold_shrinks_towards_zero()
    {
        var layer = new SoftThreshold(4, 0.5f);
        var output = new float[4];
        layer.Forward([2f, -2f, 0.3f, -0.5f], output, 1);
        Assert.Equal([1.5f, -1.5f, 0f, 0f], output);
    }

    [Fact]
    public void Leaky_relu_forward_keeps_positives_and_scales_negatives()
    {
        var output = new float[3];
        new LeakyRelu(3, 0.1f).Forward([2f, -3f, 0f], output, 1);
        Assert.Equal([2f, -0.3f, 0f], output);
    }

    [Fact]
    public void Sign_forward_gives_code_signs_with_zero_mapped_to_minus_one()
    {
        var layer = new SignStraightThrough(Size);
        float[] input = [0.3f, -0.3f, 0f, -0f, 5f, -5f, 1e-30f, 2f, -2f, 0.5f, -1f];
        var output = new float[Size];
        layer.Forward(input, output, 1);
        Assert.Equal([1f, -1f, -1f, -1f, 1f, -1f, 1f, 1f, -1f, 1f, -1f], output);
    }

    [Fact]
    public void Sign_backward_is_the_derivative_of_hard_tanh()
    {
        // The straight-through gradient is by definition that of clamp(x, −1, 1); check it against that function's
        // central differences, with inputs at least 0.05 from the kinks at ±1.
        var random = new Random(23);
        var layer = new SignStraightThrough(Size);
        var input = FiniteDifference.Uniform(random, Batch * Size, 2);
        for (int i = 0; i < input.Length; i++)
            if (Math.Abs(Math.Abs(input[i]) - 1) < 0.05) input[i] *= 1.2f;
        var probe = FiniteDifference.Uniform(random, Batch * Size);
        var output = new float[Batch * Size];
        layer.Forward(input, output, Batch);
        var inputGradient = new float[Batch * Size];
        layer.Backward(input, output, probe, inputGradient, Batch, parameterGradients: true);

        double HardTanhProbe()
        {
            double sum = 0;
            for (int i = 0; i < input.Length; i++) sum += probe[i] * Math.Clamp(input[i], -1.0, 1.0);
            return sum;
        }
        FiniteDifference.AssertGradient(HardTanhProbe, input, inputGradient, Step, Absolute, Relative, "input");
        Assert.Contains(inputGradient, g => g == 0f);
        Assert.Contains(inputGradient, g => g != 0f);
    }
}
