using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>
/// PCA hashing: bit j = [(x − mean)·p_j &gt; 0] with p_j the j-th principal direction of the training data, so
/// bits ≤ d. Deterministic (no randomness). No settings.
/// </summary>
public sealed class PcahHasher : IHasher
{
    private readonly int _bits;

    /// <summary>Creates the hasher for <see cref="HasherOptions.Bits"/> bits.</summary>
    public PcahHasher(HasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bits = options.Bits;
    }

    /// <inheritdoc/>
    public string Method => "pcah";

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        TrainingInput.CheckBitsAtMostDimension(Method, _bits, train.Cols);
        var pca = Pca.Fit(train, _bits);
        return new LinearHashModel(Method, pca.Map);
    }
}
