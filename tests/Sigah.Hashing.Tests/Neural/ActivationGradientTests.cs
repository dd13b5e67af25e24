using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ActivationGradientTests
{
    private const int Batch = 4, Size = 11; // 44 values: SIMD body and scalar tail both exercised

    // Step 1e-2 on inputs of order 1. ReLU is piecewise linear, so the central difference has no truncation error as long
    // as the inputs are drawn at least 0.05 from the kink, beyond the step. Float rounding of the 44 outputs (~6e-8 each,
    // probe weights ≤ 1, summed in double) over 2e-2 adds < 2e-5. So 1e-4 absolute on derivatives of order 1 is both
    // safe and tight enough to catch a wrong formula.
    private const float Step = 1e-2f;
    private const double Absolute = 1e-4, Relative = 1e-3;

    [Fact]
    public void Relu_backward_matches_finite_differences()
    {
        var random = new Random(125);
        var input = LayerGradient.AwayFromZero(random, Batch * Size, 0.05, 3);
        LayerGradient.Check(new Relu(Size), input, Batch, random, Step, Absolute, Relative);
    }
}
