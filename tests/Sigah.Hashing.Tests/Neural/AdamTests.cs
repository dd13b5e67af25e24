using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class AdamTests
{
    // Hand-worked with lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8.
    // Step 1: m = 0.1·g, v = 0.001·g², so m̂ = g and v̂ = g²: w moves by lr·g/(|g| + ε) ≈ lr·sign(g).
    //   w = [1, −0.5], g = [2, −0.1]  →  w = [0.9, −0.4].
    // Step 2, element 0 with g = −1: m = 0.9·0.2 − 0.1 = 0.08, v = 0.999·0.004 + 0.001 = 0.004996,
    //   m̂ = 0.08 / 0.19 = 0.4210526, √v̂ = √(0.004996 / 0.001999) = 1.5809015, w = 0.9 − 0.1·0.4210526 / 1.5809015 = 0.8733663.
    // Step 2, element 1 with the same g = −0.1 again: m̂ = −0.1 and √v̂ = 0.1, so w moves by lr once more: −0.3.
    [Fact]
    public void Two_steps_equal_the_hand_worked_example()
    {
        var p = new Parameter("w", 2, decays: true);
        p.Value[0] = 1f; p.Value[1] = -0.5f;
        var adam = new Adam([p], learningRate: 0.1f);

        p.Gradient[0] = 2f; p.Gradient[1] = -0.1f;
        adam.Step();
        Assert.Equal(0.9f, p.Value[0], 6);
        Assert.Equal(-0.4f, p.Value[1], 6);
        Assert.Equal([0f, 0f], p.Gradient);

        p.Gradient[0] = -1f; p.Gradient[1] = -0.1f;
        adam.Step();
        Assert.Equal(0.8733663f, p.Value[0], 6);
        Assert.Equal(-0.3f, p.Value[1], 6);
        Assert.Equal(2, adam.StepCount);
    }

    // AdamW, wd = 0.5: before the Adam step the decaying weight is scaled by 1 − lr·wd = 0.95; the bias is not.
    //   weight 1 with g = 2: 0.95 − 0.1 = 0.85.  bias 1 with g = 2: 1 − 0.1 = 0.9.
    [Fact]
    public void AdamW_decays_weights_but_not_biases()
    {
        var weight = new Parameter("w", 1, decays: true);
        var bias = new Parameter("b", 1, decays: false);
        weight.Value[0] = 1f; bias.Value[0] = 1f;
        weight.Gradient[0] = 2f; bias.Gradient[0] = 2f;
        var adamW = new Adam([weight, bias], learningRate: 0.1f, weightDecay: 0.5f);
        adamW.Step();
        Assert.Equal(0.85f, weight.Value[0], 6);
        Assert.Equal(0.9f, bias.Value[0], 6);
    }

    [Fact]
    public void Vector_and_scalar_paths_agree_on_a_long_parameter()
    {
        // 37 values: the SIMD body covers the first multiple of the vector width, the scalar tail the rest.
        var random = new Random(5);
        var p = new Parameter("w", 37, decays: true);
        FiniteDifference.Uniform(random, 37).CopyTo(p.Value, 0);
        var start = p.Value.ToArray();
        var gradient = FiniteDifference.Uniform(random, 37);
        gradient.CopyTo(p.Gradient, 0);
        new Adam([p], learningRate: 0.01f).Step();
        for (int i = 0; i < 37; i++)
            Assert.Equal(start[i] - 0.01f * Math.Sign(gradient[i]), p.Value[i], 5);
    }
}
