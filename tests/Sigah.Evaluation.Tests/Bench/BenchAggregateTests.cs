using Sigah.Evaluation.Bench;

namespace Sigah.Evaluation.Tests.Bench;

public class BenchAggregateTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Three seeds: mAP 0.2, 0.4, 0.6; training 1, 2, 4 s; curves shifted by 0, 0.03, 0.06.</summary>
    private static readonly BenchAggregate ThreeSeeds = new(
    [
        new("m", 8, 0, HandmadeResults.Metrics(0.2, 0.00), 1, 100, 0.5),
        new("m", 8, 1, HandmadeResults.Metrics(0.4, 0.03), 2, 200, 0.5),
        new("m", 8, 2, HandmadeResults.Metrics(0.6, 0.06), 4, 600, 0.5),
    ]);

    [Fact]
    public void Mean_and_sample_standard_deviation_of_each_number_are_the_hand_computed_ones()
    {
        Assert.Equal((3, "m", 8), (ThreeSeeds.SeedCount, ThreeSeeds.Method, ThreeSeeds.Bits));
        Assert.Equal(0.4, ThreeSeeds.Mean(r => r.Metrics.MeanAveragePrecision), Tolerance);
        // Σ (x − 0.4)² = 0.04 + 0 + 0.04; / (3 − 1) = 0.04; √ = 0.2.
        Assert.Equal(0.2, ThreeSeeds.StandardDeviation(r => r.Metrics.MeanAveragePrecision)!.Value, Tolerance);
        // Training 1, 2, 4 s: mean 7/3; Σ (x − 7/3)² = 16/9 + 1/9 + 25/9 = 42/9; / 2 = 7/3.
        Assert.Equal(7.0 / 3, ThreeSeeds.Mean(r => r.TrainSeconds), Tolerance);
        Assert.Equal(Math.Sqrt(7.0 / 3), ThreeSeeds.StandardDeviation(r => r.TrainSeconds)!.Value, Tolerance);
        Assert.Equal(300, ThreeSeeds.Mean(r => r.EncodeVectorsPerSecond), Tolerance);
        Assert.Equal(Math.Sqrt(70000), ThreeSeeds.StandardDeviation(r => r.EncodeVectorsPerSecond)!.Value, 1e-9);
        Assert.Equal(0, ThreeSeeds.StandardDeviation(r => r.SearchSeconds)!.Value, Tolerance);
    }

    [Fact]
    public void Metrics_are_averaged_and_spread_point_by_point_along_every_curve()
    {
        var mean = ThreeSeeds.MeanMetrics;
        var deviation = ThreeSeeds.MetricsStandardDeviation!;
        Assert.Equal(0.4, mean.MeanAveragePrecision, Tolerance);
        Assert.Equal(0.39, mean.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(0.45, mean.PrAuc, Tolerance);
        Assert.Equal([0.53, 0.43, 0.33, 0.23], mean.PrecisionAt, new ToleranceComparer());
        Assert.Equal([0.9, 0.77, 0.67, 0.6], mean.PrecisionWithinRadius.Take(4), new ToleranceComparer());
        Assert.Equal(0.67, mean.PrecisionR2, Tolerance);
        Assert.Equal([1, 2, 5, 10], mean.Cutoffs);
        Assert.Equal((4, 10, 8), (mean.Queries, mean.BaseCount, mean.Bits));
        // Shifts 0, 0.03, 0.06 have the sample standard deviation 0.03; numbers that do not move have 0.
        Assert.Equal(0.2, deviation.MeanAveragePrecision, Tolerance);
        Assert.Equal([0.03, 0.03, 0.03, 0], deviation.RecallAt, new ToleranceComparer());
        Assert.Equal([0, 0.03, 0.03, 0], deviation.PrecisionWithinRadius.Take(4), new ToleranceComparer());
    }

    [Fact]
    public void One_seed_has_its_own_values_as_the_mean_and_no_standard_deviation()
    {
        var run = new BenchRun("m", 8, 7, HandmadeResults.Metrics(0.1 + 0.2, 0.07), 0.3, 10, 0.1);
        var one = new BenchAggregate([run]);
        Assert.False(one.HasSpread);
        Assert.Equal(run.Metrics.MeanAveragePrecision, one.Mean(r => r.Metrics.MeanAveragePrecision));
        Assert.Equal(run.Metrics.PrecisionAt, one.MeanMetrics.PrecisionAt);
        Assert.Null(one.StandardDeviation(r => r.TrainSeconds));
        Assert.Null(one.MetricsStandardDeviation);
    }

    [Fact]
    public void A_cell_is_mean_plus_minus_standard_deviation_for_several_seeds_and_the_plain_value_for_one()
    {
        var map = ReportedMetric.Tables(10)[0];
        var training = ReportedMetric.Tables(10)[5];
        Assert.Equal("0.4000 ± 0.2000", map.Cell(ThreeSeeds));
        Assert.Equal("2.33 ± 1.53", training.Cell(ThreeSeeds));
        Assert.Equal("0.2000", map.Cell(new BenchAggregate([ThreeSeeds.Runs[0]])));
    }

    [Fact]
    public void Sample_standard_deviation_divides_by_n_minus_1_and_equal_values_have_none()
    {
        // The textbook sample 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, 32 / 7.
        double[] sample = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, SampleStatistics.Mean(sample));
        Assert.Equal(Math.Sqrt(32.0 / 7), SampleStatistics.StandardDeviation(sample), Tolerance);
        // Equal values that do not sum exactly (0.1 + 0.1 + 0.1 = 0.30000000000000004) keep their value and spread 0.
        Assert.Equal(0.1, SampleStatistics.Mean([0.1, 0.1, 0.1]));
        Assert.Equal(0, SampleStatistics.StandardDeviation([0.1, 0.1, 0.1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.StandardDeviation([1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.Mean([]));
    }

    [Fact]
    public void Runs_of_different_methods_code_lengths_or_evaluations_are_not_combined()
    {
        var run = ThreeSeeds.Runs[0];
        Assert.Throws<ArgumentException>(() => new BenchAggregate([run, run with { Method = "other" }]));
        Assert.Throws<ArgumentException>(() => new BenchAggregate([run, run with { Bits = 16 }]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Combine([run.Metrics, HandmadeResults.Metrics(0.2, 0, queries: 5)], SampleStatistics.Mean));
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= Tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
