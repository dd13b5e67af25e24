using Sigah.Evaluation.Metrics;
using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>One method at one code length trained with one seed: its retrieval quality and what it cost.</summary>
/// <param name="Method">Registered hasher name.</param>
/// <param name="Bits">Code length.</param>
/// <param name="Seed">Seed of the training run (the first seed for a method whose result does not depend on it).</param>
/// <param name="Metrics">Quality over the full Hamming ranking of the base for every query.</param>
/// <param name="TrainSeconds">Wall time of <c>Fit</c> on the training split.</param>
/// <param name="EncodeVectorsPerSecond">Base and query vectors encoded per second of wall time.</param>
/// <param name="SearchSeconds">Wall time of the exact Hamming k-NN search (k = the ground truth's K) for all queries.</param>
/// <param name="ValidationMap">
/// mAP of the returned model on the trainer's held-out training rows, what settings are chosen on (NaN for methods
/// that do not validate).
/// </param>
public sealed record BenchRun(string Method, int Bits, int Seed, RetrievalMetrics Metrics, double TrainSeconds,
    double EncodeVectorsPerSecond, double SearchSeconds, double ValidationMap = double.NaN)
{
    /// <summary>The trainer's validation checks (training curves; empty for methods without checks).</summary>
    public IReadOnlyList<TrainingCheck> Checks { get; init; } = [];
}
