using Sigah.Core.Codes;
using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// A validation metric that remembers the best score it gave: trainers that early-stop keep their best-scoring model,
/// so this is the validation score of the model a fit returns (NaN when the trainer never validated).
/// </summary>
internal sealed class BestScoreMetric(IRetrievalMetric inner) : IRetrievalMetric
{
    /// <summary>The highest score given so far, or NaN before the first.</summary>
    public double Best { get; private set; } = double.NaN;

    public string Name => inner.Name;

    public double Score(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth)
    {
        double score = inner.Score(baseCodes, queryCodes, groundTruth);
        if (double.IsNaN(Best) || score > Best) Best = score;
        return score;
    }
}
