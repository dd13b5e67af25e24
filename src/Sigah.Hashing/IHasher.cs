using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>
/// An untrained hashing method with its options. <see cref="Fit"/> learns from training vectors and
/// returns the fitted <see cref="IHashModel"/>, which encodes (ML.NET's estimator / transformer split).
/// </summary>
public interface IHasher
{
    /// <summary>The registered method name (for example <c>itq</c>).</summary>
    string Method { get; }

    /// <summary>Learns a model from the rows of <paramref name="train"/> (n × d, n ≥ 1, finite values).</summary>
    IHashModel Fit(FloatMatrix train, TrainingContext context);
}
