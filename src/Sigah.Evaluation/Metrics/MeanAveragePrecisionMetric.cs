using Sigah.Core.Codes;
using Sigah.Hashing;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Mean average precision over the full Hamming ranking, ties broken by the smaller base index: the score
/// hashers early-stop on through <see cref="TrainingContext.ValidationMetric"/>.
/// </summary>
public sealed class MeanAveragePrecisionMetric : IRetrievalMetric
{
    /// <inheritdoc/>
    public string Name => "mAP";

    /// <inheritdoc/>
    public double Score(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth) =>
        RetrievalEvaluator.Evaluate(baseCodes, queryCodes, groundTruth).MeanAveragePrecision;
}
