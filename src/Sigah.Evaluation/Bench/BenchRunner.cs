using System.Diagnostics;
using Sigah.Core;
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

    /// <summary>
    /// Runs <paramref name="methods"/> (table rows, in order) at every code length of <paramref name="settings"/>.
    /// A method that refuses a setting with a <see cref="UserInputException"/> while being built or fitted is
    /// recorded in <see cref="BenchResults.Skipped"/> and the rest go on; if every run is refused, the first refusal is thrown.
    /// </summary>
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
        var skipped = new List<BenchSkip>();
        UserInputException? firstRefusal = null;
        int total = methods.Count * settings.Bits.Count;
        progress.Report(Stage, 0, total);
        foreach (var method in methods)
            foreach (int bits in settings.Bits)
            {
                settings.Cancellation.ThrowIfCancellationRequested();
                IHashModel model;
                double trainSeconds;
                try
                {
                    (model, trainSeconds) = Train(problem, method, bits, settings, progress);
                }
                catch (UserInputException e)
                {
                    // A method that cannot run here (say more bits than the data has dimensions) leaves a gap, not an abort.
                    firstRefusal ??= e;
                    skipped.Add(new BenchSkip(method.Method, bits, e.Message));
                    progress.Message($"{method.Method} {bits} bits: skipped: {e.Message}");
                    progress.Report(Stage, runs.Count + skipped.Count, total);
                    continue;
                }
                var run = Measure(problem, method.Method, bits, model, trainSeconds, settings);
                runs.Add(run);
                progress.Message($"{run.Method} {run.Bits} bits: mAP {run.Metrics.MeanAveragePrecision:F4}, " +
                    $"tie-averaged {run.Metrics.MeanAveragePrecisionTieAveraged:F4}, train {run.TrainSeconds:F1} s");
                progress.Report(Stage, runs.Count + skipped.Count, total);
            }
        if (runs.Count == 0) throw firstRefusal!;
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
            Skipped = skipped,
        };
    }

    private static (IHashModel Model, double Seconds) Train(BenchProblem problem, HasherInfo method, int bits, BenchSettings settings, IProgressSink progress)
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
        return (model, clock.Elapsed.TotalSeconds);
    }

    private static BenchRun Measure(BenchProblem problem, string method, int bits, IHashModel model, double trainSeconds, BenchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var baseCodes = model.EncodeAll(problem.Base, problem.Name);
        var queryCodes = model.EncodeAll(problem.Queries, problem.Name);
        double encodeRate = (problem.Base.Rows + problem.Queries.Rows) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

        int k = problem.GroundTruth.Max(list => list.Length);
        clock.Restart();
        LinearScan.Search(baseCodes, queryCodes, Math.Min(k, baseCodes.Count), settings.Threads);
        double searchSeconds = clock.Elapsed.TotalSeconds;

        var metrics = RetrievalEvaluator.Evaluate(baseCodes, queryCodes, problem.GroundTruth,
            Cutoffs.OneTwoFive(baseCodes.Count), settings.Threads);
        return new BenchRun(method, bits, metrics, trainSeconds, encodeRate, searchSeconds);
    }
}
