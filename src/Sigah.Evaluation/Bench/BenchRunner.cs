using System.Diagnostics;
using Sigah.Core.Progress;
using Sigah.Evaluation.Metrics;
using Sigah.Hashing;
using Sigah.Index;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// Runs every method × code length on a <see cref="BenchProblem"/>: fit on its training vectors (with
/// <see cref="MeanAveragePrecisionMetric"/> as the early-stopping score), encode base and queries, search
/// the exact Hamming k-NN by linear scan (k = the longest ground-truth list), and evaluate the full ranking.
/// </summary>
public static class BenchRunner
{
    /// <summary>Progress stage name of the outer loop.</summary>
    public const string Stage = "bench";

    /// <summary>Runs <paramref name="methods"/> (table rows, in order) at every code length of <paramref name="settings"/>.</summary>
    public static BenchResults Run(BenchProblem problem, IReadOnlyList<HasherInfo> methods, BenchSettings settings, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        if (methods.Count == 0) throw new ArgumentException("no methods to run", nameof(methods));
        if (settings.Bits.Count == 0) throw new ArgumentException("no code lengths to run", nameof(settings));
        string? problemText = GroundTruthLists.FindProblem(problem.GroundTruth, problem.Queries.Rows, problem.Base.Rows);
        if (problemText is not null) throw new ArgumentException($"ground truth {problemText}", nameof(problem));

        var runs = new List<BenchRun>();
        int total = methods.Count * settings.Bits.Count;
        progress.Report(Stage, 0, total);
        foreach (var method in methods)
            foreach (int bits in settings.Bits)
            {
                settings.Cancellation.ThrowIfCancellationRequested();
                var run = RunOne(problem, method, bits, settings, progress);
                runs.Add(run);
                progress.Message($"{run.Method} {run.Bits} bits: mAP {run.Metrics.MeanAveragePrecision:F4}, " +
                    $"tie-averaged {run.Metrics.MeanAveragePrecisionTieAveraged:F4}, train {run.TrainSeconds:F1} s");
                progress.Report(Stage, runs.Count, total);
            }
        return new BenchResults
        {
            Dataset = problem.Name,
            BaseCount = problem.Base.Rows,
            TrainingCount = problem.Training.Rows,
            QueryCount = problem.Queries.Rows,
            Dimension = problem.Base.Cols,
            GroundTruth = problem.GroundTruthDescription,
            Seed = settings.Seed,
            Methods = [.. methods.Select(m => m.Method)],
            Bits = [.. settings.Bits],
            Runs = runs,
        };
    }

    private static BenchRun RunOne(BenchProblem problem, HasherInfo method, int bits, BenchSettings settings, IProgressSink progress)
    {
        var hasher = method.Create(new HasherOptions(bits));
        var context = new TrainingContext
        {
            Seed = settings.Seed,
            Progress = progress,
            ValidationMetric = new MeanAveragePrecisionMetric(),
            InputName = problem.Name,
            Cancellation = settings.Cancellation,
        };
        var clock = Stopwatch.StartNew();
        var model = hasher.Fit(problem.Training, context);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var baseCodes = model.EncodeAll(problem.Base, problem.Name);
        var queryCodes = model.EncodeAll(problem.Queries, problem.Name);
        double encodeRate = (problem.Base.Rows + problem.Queries.Rows) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

        int k = problem.GroundTruth.Max(list => list.Length);
        clock.Restart();
        LinearScan.Search(baseCodes, queryCodes, Math.Min(k, baseCodes.Count), settings.Threads);
        double searchSeconds = clock.Elapsed.TotalSeconds;

        var metrics = RetrievalEvaluator.Evaluate(baseCodes, queryCodes, problem.GroundTruth,
            Cutoffs.OneTwoFive(baseCodes.Count), settings.Threads);
        return new BenchRun(method.Method, bits, metrics, trainSeconds, encodeRate, searchSeconds);
    }
}
