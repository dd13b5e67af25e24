using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>Leaky ReLU: y = x for x &gt; 0, otherwise <see cref="Slope"/>·x.</summary>
public sealed class LeakyRelu : ElementwiseLayer
{
    /// <summary>A leaky ReLU with negative-side <paramref name="slope"/> in [0, 1).</summary>
    public LeakyRelu(int size, float slope = 0.01f) : base(size)
    {
        if (!(slope >= 0f && slope < 1f)) throw new ArgumentOutOfRangeException(nameof(slope), slope, "slope must be in [0, 1)");
        Slope = slope;
    }

    /// <summary>Slope for negative inputs.</summary>
    public float Slope { get; }

    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        // For 0 ≤ slope < 1, max(x, slope·x) is x when x > 0 and slope·x otherwise.
        TensorPrimitives.Multiply(x, Slope, y);
        TensorPrimitives.Max(x, y, y);
    }

    /// <inheritdoc/>
    protected override void Propagate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        MaskedKernels.ScaleWhereNotPositive(x, dy, Slope, dx);
}
