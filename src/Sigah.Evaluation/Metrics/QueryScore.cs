namespace Sigah.Evaluation.Metrics;

/// <summary>The average precisions of one query's Hamming ranking, from <see cref="QueryScorer"/>.</summary>
/// <param name="AveragePrecision">AP over the full ranking, ties broken by the smaller base index.</param>
/// <param name="TieAveragedPrecision">Expected AP when items at equal distance come in uniformly random order.</param>
/// <param name="AveragePrecisionAtK">AP over the top K of the ranking (see <see cref="RetrievalMetrics.MeanAveragePrecisionAtK"/>).</param>
internal readonly record struct QueryScore(double AveragePrecision, double TieAveragedPrecision, double AveragePrecisionAtK);
