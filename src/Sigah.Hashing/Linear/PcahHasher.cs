using Sigah.Core.Data;

namespace Sigah.Hashing.Linear;

/// <summary>
/// PCA hashing: bit j = [(x − mean)·p_j &gt; 0] with p_j the j-th principal direction of the training data, so
/// bits ≤ d. Deterministic (no randomness). No settings.
/// </summary>
public sealed class PcahHasher : IHasher
{
    private readonly int _bits;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public PcahHasher(PcahOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
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
