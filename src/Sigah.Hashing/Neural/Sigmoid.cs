using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>y = 1 / (1 + e^−x); dx = dy·y·(1 − y).</summary>
public sealed class Sigmoid(int size) : ElementwiseLayer(size)
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    /// <inheritdoc/>
    protected override void Propagate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        TensorPrimitives.Subtract(1f, y, dx);
        TensorPrimitives.Multiply(dx, y, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
    }
}
