using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>ReLU: y = max(x, 0); the gradient passes where y &gt; 0 (0 at the kink).</summary>
internal sealed class Relu(int size) : ElementwiseLayer(size)
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    protected override void Propagate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        MaskedKernels.PassWherePositive(y, dy, dx);
}
