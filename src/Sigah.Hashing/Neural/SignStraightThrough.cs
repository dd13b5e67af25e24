namespace Sigah.Hashing.Neural;

/// <summary>
/// Binarisation with a straight-through estimator: forward y = +1 where x &gt; 0 and −1 otherwise (so y matches
/// the bits of <see cref="Sigah.Core.Codes.PackedCodes.FromSigns"/>); backward passes the gradient of hard-tanh,
/// clamp(x, −1, 1): dx = dy where |x| ≤ 1, else 0 (Bengio et al. 2013; Courbariaux et al. 2016).
/// </summary>
public sealed class SignStraightThrough(int size) : ElementwiseLayer(size)
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => MaskedKernels.Sign(x, y);

    /// <inheritdoc/>
    protected override void Propagate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        MaskedKernels.PassWhereWithinUnit(x, dy, dx);
}
