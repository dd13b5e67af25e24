using Sigah.Core.Data;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Linear;

/// <summary>
/// Locality-sensitive hashing for cosine similarity (Charikar's sign random projections) of centred data:
/// bit j = [(x − mean)·w_j &gt; 0] with w_j i.i.d. standard Gaussian drawn from the run's seed. Training only
/// estimates the mean. No settings.
/// </summary>
public sealed class LshHasher : IHasher
{
    private readonly int _bits;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public LshHasher(LshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bits = options.Bits;
    }

    /// <inheritdoc/>
    public string Method => "lsh";

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        var mean = ColumnMean.Compute(train);
        var projection = new float[(long)train.Cols * _bits];
        Initialisation.FillNormal(projection, 1.0, new Random(context.Seed));
        return new LinearHashModel(Method, new LinearProjection(mean, projection, _bits));
    }
}
