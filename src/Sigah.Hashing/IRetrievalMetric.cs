using Sigah.Core.Codes;

namespace Sigah.Hashing;

/// <summary>
/// A retrieval-quality score of codes against ground truth (for example mAP over the full Hamming ranking),
/// given to training through <see cref="TrainingContext.ValidationMetric"/> so a hasher can early-stop on it
/// without depending on the evaluation layer that implements it.
/// </summary>
public interface IRetrievalMetric
{
    /// <summary>Short name for progress lines (for example <c>mAP</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Scores <paramref name="queryCodes"/> against <paramref name="baseCodes"/> (same width);
    /// <paramref name="groundTruth"/>[q] lists the true neighbours of query q as base indices. Higher is better.
    /// </summary>
    double Score(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth);
}
