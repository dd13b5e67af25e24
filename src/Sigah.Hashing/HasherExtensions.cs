using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>Conveniences over <see cref="IHasher"/>.</summary>
public static class HasherExtensions
{
    /// <summary>
    /// Fits <paramref name="hasher"/> on <paramref name="train"/> with the default <see cref="TrainingContext"/>: seed 0
    /// and validation on mAP, so the model is the one <c>sigah train</c> writes for the same data and options.
    /// </summary>
    public static IHashModel Fit(this IHasher hasher, FloatMatrix train)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.Fit(train, new TrainingContext());
    }
}
