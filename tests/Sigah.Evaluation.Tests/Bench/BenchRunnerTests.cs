using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Bench;

// Shares RandomProjectionHasher.LastContext with the report tests, so they do not run in parallel.
[Collection("bench")]
public class BenchRunnerTests
{
    private static BenchResults RunBoth(int seed = 3) =>
        BenchRunner.Run(ClusteredProblem.Create(), [RandomProjectionHasher.Info, ConstantHasher.Info],
            new BenchSettings { Bits = [16, 64], Seeds = [seed] }, NullProgress.Instance);

    [Fact]
    public void Runs_every_method_at_every_code_length_in_table_order()
    {
        var results = RunBoth();
        Assert.Equal([("projection", 16), ("projection", 64), ("constant", 16), ("constant", 64)],
            results.Runs.Select(r => (r.Method, r.Bits)));
        Assert.Equal(["projection", "constant"], results.Methods);
        Assert.Equal(600, results.BaseCount);
        Assert.Equal(40, results.QueryCount);
        Assert.All(results.Runs, r => Assert.True(r.EncodeVectorsPerSecond > 0 && r.TrainSeconds >= 0 && r.SearchSeconds >= 0));
    }

    [Fact]
    public void Metrics_are_those_of_the_encoded_codes()
    {
        var problem = ClusteredProblem.Create();
        var results = BenchRunner.Run(problem, [RandomProjectionHasher.Info], new BenchSettings { Bits = [32], Seeds = [9] }, NullProgress.Instance);
        var model = new RandomProjectionHasher(32).Fit(problem.Base, new Sigah.Hashing.TrainingContext { Seed = 9 });
        var expected = RetrievalEvaluator.Evaluate(Sigah.Hashing.HashModelExtensions.EncodeAll(model, problem.Base),
            Sigah.Hashing.HashModelExtensions.EncodeAll(model, problem.Queries), problem.GroundTruth, Cutoffs.OneTwoFive(600));
        Assert.Equal(expected.MeanAveragePrecision, results.Runs[0].Metrics.MeanAveragePrecision);
        Assert.Equal(expected.PrecisionWithinRadius, results.Runs[0].Metrics.PrecisionWithinRadius);
    }

    [Fact]
    public void Learned_codes_beat_one_big_tie_whose_tie_averaged_mAP_is_chance()
    {
        var results = RunBoth();
        var constant = results.Aggregate("constant", 64)!.Runs[0].Metrics;
        var projection = results.Aggregate("projection", 64)!.Runs[0].Metrics;
        Assert.True(projection.MeanAveragePrecision > 3 * constant.MeanAveragePrecisionTieAveraged);
        // All 600 items tie: a relevant item's expected precision at a random position is ≈ k/n = 10/600.
        Assert.InRange(constant.MeanAveragePrecisionTieAveraged, 0.5 * 10 / 600, 2.0 * 10 / 600);
    }

    [Fact]
    public void The_seed_makes_runs_reproducible_and_reaches_the_hasher()
    {
        var a = RunBoth(seed: 3);
        Assert.Equal(3, RandomProjectionHasher.LastContext!.Seed);
        Assert.Equal("mAP", RandomProjectionHasher.LastContext.ValidationMetric!.Name);
        var b = RunBoth(seed: 3);
        var c = RunBoth(seed: 4);
        Assert.Equal(a.Runs.Select(r => r.Metrics.MeanAveragePrecision), b.Runs.Select(r => r.Metrics.MeanAveragePrecision));
        Assert.NotEqual(a.Aggregate("projection", 16)!.Runs[0].Metrics.MeanAveragePrecision, c.Aggregate("projection", 16)!.Runs[0].Metrics.MeanAveragePrecision);
    }

    [Fact]
    public void A_run_records_the_best_validation_map_its_trainer_scored_and_nan_when_it_scored_none()
    {
        var results = BenchRunner.Run(ClusteredProblem.Create(), [ValidatingHasher.Info, ConstantHasher.Info],
            new BenchSettings { Bits = [8] }, NullProgress.Instance);
        Assert.Equal(1.0, results.Aggregate(ValidatingHasher.Name, 8)!.Runs[0].ValidationMap);
        Assert.True(double.IsNaN(results.Aggregate("constant", 8)!.Runs[0].ValidationMap));
        string json = JsonReport.Render(results);
        Assert.Contains("\"validation_mAP\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"validation_mAP\": null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_reports_each_finished_run()
    {
        var progress = new RecordingProgress();
        BenchRunner.Run(ClusteredProblem.Create(), [ConstantHasher.Info], new BenchSettings { Bits = [8, 16] }, progress);
        Assert.Equal([(0L, 2L), (1L, 2L), (2L, 2L)], progress.Reports.Where(r => r.Stage == BenchRunner.Stage).Select(r => (r.Done, r.Total)));
        Assert.Equal(2, progress.Messages.Count(m => m.StartsWith("constant ", StringComparison.Ordinal)));
    }

    /// <summary>Like <see cref="ConstantHasher"/>, but refuses codes longer than 16 bits as a user error.</summary>
    private static readonly Sigah.Hashing.HasherInfo ShortCodesOnly = new("short", "refuses more than 16 bits (test only)",
        CodeLengthOnly.Settings(bits => bits > 16 ? throw new Sigah.Core.UserInputException($"--bits: short makes at most 16 bits, not {bits}") : new ConstantHasher(bits)),
        ConstantHasher.Info.Load);

    [Fact]
    public void A_refused_setting_leaves_a_gap_and_the_other_runs_go_on()
    {
        var results = BenchRunner.Run(ClusteredProblem.Create(), [ShortCodesOnly, ConstantHasher.Info],
            new BenchSettings { Bits = [16, 32] }, NullProgress.Instance);
        Assert.Equal([("short", 16), ("constant", 16), ("constant", 32)], results.Runs.Select(r => (r.Method, r.Bits)));
        Assert.Equal([new BenchSkip("short", 32, "--bits: short makes at most 16 bits, not 32")], results.Skipped);
        // Both methods give all-zero codes, so either may hold a column's best and be bold there (in the time tables by chance).
        Assert.Matches(@"\| short \| (\*\*)?0\.", MarkdownReport.Render(results));
        Assert.Contains("- short, 32 bits: --bits: short makes at most 16 bits, not 32\n", MarkdownReport.Render(results));
    }

    [Fact]
    public void When_every_run_is_refused_the_first_refusal_is_the_error()
    {
        var e = Assert.Throws<Sigah.Core.UserInputException>(() => BenchRunner.Run(ClusteredProblem.Create(), [ShortCodesOnly],
            new BenchSettings { Bits = [24, 32] }, NullProgress.Instance));
        Assert.Equal("--bits: short makes at most 16 bits, not 24", e.Message);
    }

    /// <summary>
    /// PCA hashing cannot make 24 bits from 16 dimensions: the run is recorded as skipped, by default with the library's
    /// message, or with the reason the settings word it in.
    /// </summary>
    [Fact]
    public void A_code_length_the_data_cannot_give_is_a_refusal_worded_by_the_settings()
    {
        var pcah = Sigah.Hashing.HasherRegistry.Get("pcah");
        var byDefault = BenchRunner.Run(ClusteredProblem.Create(), [pcah], new BenchSettings { Bits = [8, 24] }, NullProgress.Instance);
        Assert.Equal([new BenchSkip("pcah", 24, "pcah gives at most one bit per input dimension, so 24 bits need at least 24-dimensional input (got 16)")],
            byDefault.Skipped);

        var worded = new BenchSettings { Bits = [8, 24], RefusalReason = (method, e) => e is Sigah.Hashing.CodeLengthException c ? $"{method.Method}: {c.Bits} bits" : null };
        Assert.Equal([new BenchSkip("pcah", 24, "pcah: 24 bits")], BenchRunner.Run(ClusteredProblem.Create(), [pcah], worded, NullProgress.Instance).Skipped);
    }

    [Fact]
    public void Ground_truth_that_does_not_fit_the_problem_is_rejected()
    {
        var problem = ClusteredProblem.Create() with { GroundTruth = [[0]] };
        Assert.Throws<ArgumentException>(() => BenchRunner.Run(problem, [ConstantHasher.Info], new BenchSettings(), NullProgress.Instance));
    }
}
