using Sigah.Evaluation.Metrics;
using Sigah.Hashing;

namespace Sigah.Evaluation.Tests.Metrics;

/// <summary>Metrics of small rankings worked out by hand (the arithmetic is in each test's comment).</summary>
public class HandComputedMetricsTests
{
    private const double Tolerance = 1e-12;

    private static RetrievalMetrics Evaluate(int[] distances, int[] truth, int[]? cutoffs = null) =>
        RetrievalEvaluator.Evaluate(CodesAtDistances.Base(distances), CodesAtDistances.ZeroQuery(), [truth], cutoffs);

    [Fact]
    public void Ties_are_broken_by_index_for_mAP_and_averaged_for_mAP_tie_avg()
    {
        // Distances 1,0,1,2,0; relevant items 2 and 4. Ranking by (distance, index): 1, 4*, 0, 2*, 3.
        // AP = (1/2 + 2/4) / 2 = 0.5. Tie orders: {1,4} then {0,2}, each equally likely:
        // (1/1 + 2/3)/2, (1/1 + 2/4)/2, (1/2 + 2/3)/2, (1/2 + 2/4)/2 → mean 2/3.
        var m = Evaluate([1, 0, 1, 2, 0], [2, 4], [1, 2, 3, 4, 5]);
        Assert.Equal(0.5, m.MeanAveragePrecision, Tolerance);
        Assert.Equal(2.0 / 3, m.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal([0, 0.5, 1.0 / 3, 0.5, 0.4], m.PrecisionAt, TolerantComparer);
        Assert.Equal([0, 0.5, 0.5, 1, 1], m.RecallAt, TolerantComparer);
        // Ball r=0 holds {1,4}: P .5, R .5; r=1 holds 4 items, both relevant: P .5, R 1; r≥2 holds all 5: P .4.
        Assert.Equal([0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4], m.PrecisionWithinRadius, TolerantComparer);
        Assert.Equal([0.5, 1, 1, 1, 1, 1, 1, 1, 1], m.RecallWithinRadius, TolerantComparer);
        Assert.Equal(0.4, m.PrecisionR2, Tolerance);
        Assert.Equal(1, m.RecallR2, Tolerance);
        // Trapezoids: (0.5→1) at height 0.5, then vertical steps: 0.25.
        Assert.Equal(0.25, m.PrAuc, Tolerance);
    }

    [Fact]
    public void Empty_radius_balls_count_precision_zero()
    {
        // Distances 3,3,5; relevant item 0. Balls r ≤ 2 are empty: P 0, R 0. r=3,4: {0,1}: P .5, R 1. r≥5: P 1/3.
        // AP = 1 (item 0 first by index); tie-averaged: item 0 first or second → (1 + 1/2)/2 = 0.75.
        var m = Evaluate([3, 3, 5], [0]);
        Assert.Equal(1, m.MeanAveragePrecision, Tolerance);
        Assert.Equal(0.75, m.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(0, m.PrecisionR2);
        Assert.Equal(0, m.RecallR2);
        Assert.Equal([0, 0, 0, 0.5, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3], m.PrecisionWithinRadius, TolerantComparer);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 1], m.RecallWithinRadius, TolerantComparer);
        // Only the step r=2→3 adds area: recall 0→1 under heights 0 and 0.5 → 0.25.
        Assert.Equal(0.25, m.PrAuc, Tolerance);
        Assert.Equal([1, 3], m.Cutoffs);
        Assert.Equal([1, 1.0 / 3], m.PrecisionAt, TolerantComparer);
    }

    [Fact]
    public void Neighbours_all_at_distance_zero_score_one()
    {
        // Relevant items 1 and 3 are the only ones at distance 0: every order of the tie puts them first.
        var m = Evaluate([2, 0, 1, 0], [3, 1]);
        Assert.Equal(1, m.MeanAveragePrecision, Tolerance);
        Assert.Equal(1, m.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(1, m.PrecisionWithinRadius[0], Tolerance);
        Assert.Equal(1, m.RecallWithinRadius[0], Tolerance);
        Assert.Equal(0.5, m.PrecisionAtDepth(4), Tolerance);
    }

    [Fact]
    public void A_query_tied_with_the_whole_base_gets_the_expected_reciprocal_rank()
    {
        // All four items at distance 0; relevant item 3. By index it ranks 4th: AP 1/4.
        // At a uniformly random position: (1 + 1/2 + 1/3 + 1/4)/4 = 25/48.
        var m = Evaluate([0, 0, 0, 0], [3]);
        Assert.Equal(0.25, m.MeanAveragePrecision, Tolerance);
        Assert.Equal(25.0 / 48, m.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(0.25, m.PrecisionR2, Tolerance);
        Assert.Equal(0, m.PrAuc, Tolerance);
        // By index the relevant item is 4th: missed at depth 1, found at depth 4.
        Assert.Equal(0, m.RecallAtDepth(1));
        Assert.Equal(1, m.RecallAtDepth(4), Tolerance);
    }

    [Fact]
    public void Metrics_average_over_queries()
    {
        // Query 0 is the zero code; query 1 is all ones, so its distances are 8 minus query 0's.
        // Distances q0: 0,1,2; q1: 8,7,6. Truth: q0 → {2} (AP 1/3), q1 → {2} (AP 1).
        var baseCodes = CodesAtDistances.Base([0, 1, 2]);
        var queries = new Sigah.Core.Codes.PackedCodes(2, 8, [0x00, 0xFF]);
        var m = RetrievalEvaluator.Evaluate(baseCodes, queries, [[2], [2]]);
        Assert.Equal((1.0 / 3 + 1) / 2, m.MeanAveragePrecision, Tolerance);
        Assert.Equal((1.0 / 3 + 1) / 2, m.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(2, m.Queries);
    }

    [Fact]
    public void The_validation_metric_is_the_tie_by_index_mAP()
    {
        var metric = new MeanAveragePrecisionMetric();
        Assert.Equal("mAP", metric.Name);
        Assert.Equal(0.5, metric.Score(CodesAtDistances.Base([1, 0, 1, 2, 0]), CodesAtDistances.ZeroQuery(), [[2, 4]]), Tolerance);
    }

    private static readonly IEqualityComparer<double> TolerantComparer = new ToleranceComparer(Tolerance);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
