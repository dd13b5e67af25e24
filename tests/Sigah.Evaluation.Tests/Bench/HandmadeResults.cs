using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>Bench results built from chosen numbers instead of a run, so that statistics and reports can be checked by hand.</summary>
internal static class HandmadeResults
{
    /// <summary>
    /// Metrics of <paramref name="queries"/> queries over 10 base codes of 8 bits, every number a simple function of
    /// <paramref name="map"/> and <paramref name="shift"/>.
    /// </summary>
    public static RetrievalMetrics Metrics(double map, double shift, int queries = 4) => new()
    {
        Queries = queries,
        BaseCount = 10,
        Bits = 8,
        MeanAveragePrecision = map,
        MeanAveragePrecisionTieAveraged = map - 0.01,
        Cutoffs = [1, 2, 5, 10],
        PrecisionAt = [0.5 + shift, 0.4 + shift, 0.3 + shift, 0.2 + shift],
        RecallAt = [0.1 + shift, 0.2 + shift, 0.5 + shift, 1.0],
        PrecisionWithinRadius = [0.9, 0.8 - shift, 0.7 - shift, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
        RecallWithinRadius = [0.0, 0.1 + shift, 0.2 + shift, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0],
        PrAuc = map + 0.05,
    };

    /// <summary>
    /// A single-seed run (seed 5) of alpha at 8 and 16 bits and beta at 8 bits, beta refusing 16 bits: the results whose
    /// reports <c>Files/single-seed-results.*</c> were written by the reports as they were before <c>--seeds</c> existed
    /// (without method settings, which did not exist either).
    /// </summary>
    public static BenchResults SingleSeed(BenchParameters? parameters = null) => new()
    {
        Dataset = "hand",
        BaseCount = 10,
        TrainingCount = 10,
        QueryCount = 4,
        Dimension = 3,
        GroundTruth = "top-2 Euclidean neighbours, all 4 queries",
        Seeds = [5],
        Parameters = parameters ?? BenchParameters.None,
        Methods = ["alpha", "beta"],
        Bits = [8, 16],
        Runs =
        [
            new("alpha", 8, 5, Metrics(0.25, 0.0), 1.5, 12345.6, 0.0123),
            new("alpha", 16, 5, Metrics(0.5, 0.05), 2.25, 23456.7, 0.0234),
            new("beta", 8, 5, Metrics(0.125, 0.01), 0.5, 34567.8, 0.0345),
        ],
        Skipped = [new BenchSkip("beta", 16, "--bits: beta makes at most 8 bits, not 16")],
    };
}
