using System.Text.Json;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;

namespace Sigah.Evaluation.Tests.Bench;

// Trains RandomProjectionHasher, whose LastContext the runner tests read, so it shares their collection.
[Collection("bench")]
public class BenchSeedsTests
{
    private static BenchResults Run(IReadOnlyList<int> seeds, IProgressSink? progress = null) =>
        BenchRunner.Run(ClusteredProblem.Create(), [RandomProjectionHasher.Info, ConstantHasher.Info],
            new BenchSettings { Bits = [16, 32], Seeds = seeds }, progress ?? NullProgress.Instance);

    private static readonly Lazy<BenchResults> TwoSeeds = new(() => Run([3, 4]));

    [Fact]
    public void A_stochastic_method_trains_once_per_seed_and_a_deterministic_one_once_with_the_first_seed()
    {
        Assert.Equal(
            [("projection", 16, 3), ("projection", 16, 4), ("projection", 32, 3), ("projection", 32, 4), ("constant", 16, 3), ("constant", 32, 3)],
            TwoSeeds.Value.Runs.Select(r => (r.Method, r.Bits, r.Seed)));
        Assert.Equal([2, 2, 1, 1], TwoSeeds.Value.Aggregates.Select(a => a.SeedCount));
        Assert.Equal([3, 4], TwoSeeds.Value.Seeds);
    }

    [Fact]
    public void Each_seeds_run_is_what_a_run_with_that_seed_alone_measures()
    {
        var alone = new[] { Run([3]), Run([4]) };
        var both = TwoSeeds.Value.Aggregate("projection", 16)!;
        for (int s = 0; s < 2; s++)
        {
            var single = alone[s].Aggregate("projection", 16)!.Runs.Single();
            Assert.Equal(single.Seed, both.Runs[s].Seed);
            Assert.Equal(single.Metrics.MeanAveragePrecision, both.Runs[s].Metrics.MeanAveragePrecision);
            Assert.Equal(single.Metrics.PrecisionWithinRadius, both.Runs[s].Metrics.PrecisionWithinRadius);
        }
        Assert.NotEqual(both.Runs[0].Metrics.MeanAveragePrecision, both.Runs[1].Metrics.MeanAveragePrecision);
        Assert.Equal((both.Runs[0].Metrics.MeanAveragePrecision + both.Runs[1].Metrics.MeanAveragePrecision) / 2,
            both.MeanMetrics.MeanAveragePrecision, 1e-15);
    }

    [Fact]
    public void Progress_counts_one_step_per_training_and_names_the_seed()
    {
        var progress = new RecordingProgress();
        Run([3, 4, 5], progress);
        var steps = progress.Reports.Where(r => r.Stage == BenchRunner.Stage).ToList();
        Assert.Equal(Enumerable.Range(0, 9).Select(i => ((long)i, 8L)), steps.Select(r => (r.Done, r.Total)));
        Assert.Contains(progress.Messages, m => m.StartsWith("projection 32 bits, seed 5: mAP ", StringComparison.Ordinal));
        Assert.Contains(progress.Messages, m => m.StartsWith("constant 16 bits, seed 3: mAP ", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_shows_mean_plus_minus_std_where_several_seeds_ran_and_plain_values_elsewhere()
    {
        string markdown = MarkdownReport.Render(TwoSeeds.Value);
        Assert.Contains("Seeds 3, 4: a ± cell is the mean ± sample standard deviation over the seeds; " +
            "a method whose result does not depend on the seed ran once.\n", markdown);
        var rows = markdown.Split('\n');
        Assert.All(rows.Where(r => r.StartsWith("| projection |", StringComparison.Ordinal)), r => Assert.Equal(2, r.Count(c => c == '±')));
        Assert.All(rows.Where(r => r.StartsWith("| constant |", StringComparison.Ordinal)), r => Assert.DoesNotContain("±", r, StringComparison.Ordinal));
        var map = TwoSeeds.Value.Aggregate("projection", 16)!;
        Assert.Contains(FormattableString.Invariant($"| projection | **{map.Mean(r => r.Metrics.MeanAveragePrecision):F4} ± ") +
            FormattableString.Invariant($"{map.StandardDeviation(r => r.Metrics.MeanAveragePrecision):F4}** |"), markdown);
    }

    [Fact]
    public void Csv_has_a_mean_and_a_std_column_per_number_and_the_seed_count()
    {
        var lines = CsvReport.Render(TwoSeeds.Value).TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(["method", "bits", "seeds", "mAP", "mAP_std", "mAP_tie_avg", "mAP_tie_avg_std"], header[..7]);
        Assert.Equal(["search_seconds", "search_seconds_std"], header[^2..]);
        var projection = lines[1].Split(',');
        var aggregate = TwoSeeds.Value.Aggregate("projection", 16)!;
        Assert.Equal(("projection", "16", "2"), (projection[0], projection[1], projection[2]));
        Assert.Equal(aggregate.MeanMetrics.MeanAveragePrecision, double.Parse(projection[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(aggregate.MetricsStandardDeviation!.MeanAveragePrecision, double.Parse(projection[4], System.Globalization.CultureInfo.InvariantCulture));
        var constant = lines[3].Split(',');
        Assert.Equal(header.Length, constant.Length);
        Assert.Equal(("constant", "1", ""), (constant[0], constant[2], constant[4]));
    }

    [Fact]
    public void Json_keeps_every_run_with_its_seed_and_an_aggregate_per_method_and_bits()
    {
        var root = JsonDocument.Parse(JsonReport.Render(TwoSeeds.Value)).RootElement;
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal([3, 4], root.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(TwoSeeds.Value.Runs.Select(r => r.Seed), runs.Select(r => r.GetProperty("seed").GetInt32()));
        var aggregates = root.GetProperty("aggregates").EnumerateArray().ToList();
        Assert.Equal(4, aggregates.Count);
        var projection = aggregates[0];
        var expected = TwoSeeds.Value.Aggregate("projection", 16)!;
        Assert.Equal(("projection", 16, 2), (projection.GetProperty("method").GetString(), projection.GetProperty("bits").GetInt32(), projection.GetProperty("seeds").GetInt32()));
        Assert.Equal(expected.MeanMetrics.MeanAveragePrecision, projection.GetProperty("mean").GetProperty("metrics").GetProperty("mAP").GetDouble());
        Assert.Equal(expected.Mean(r => r.TrainSeconds), projection.GetProperty("mean").GetProperty("train_seconds").GetDouble());
        Assert.Equal(expected.MetricsStandardDeviation!.PrAuc, projection.GetProperty("std").GetProperty("metrics").GetProperty("pr_auc").GetDouble());
        Assert.Equal(expected.StandardDeviation(r => r.SearchSeconds), projection.GetProperty("std").GetProperty("search_seconds").GetDouble());
        Assert.Equal(1, aggregates[2].GetProperty("seeds").GetInt32());
        Assert.Equal(JsonValueKind.Null, aggregates[2].GetProperty("std").ValueKind);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1, 2, 1 })]
    public void Seeds_must_be_a_non_empty_list_without_repeats(int[] seeds)
    {
        var e = Assert.Throws<ArgumentException>(() => Run(seeds));
        Assert.StartsWith("the seeds must be a non-empty list without repeats", e.Message, StringComparison.Ordinal);
    }
}
