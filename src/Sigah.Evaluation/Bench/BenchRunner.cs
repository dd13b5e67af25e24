using Sigah.Core;
using Sigah.Core.Blas;
using Sigah.Core.Progress;
using Sigah.Evaluation.Metrics;
using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// Runs every method × code length × seed on a <see cref="BenchProblem"/>, each measured by <see cref="BenchTrial"/>,
/// and collects the runs and the refusals, reporting progress as it goes.
/// </summary>
public static class BenchRunner
{
    /// <summary>Progress stage name of the outer loop.</summary>
    public const string Stage = "bench";

    /// <summary>
    /// Runs <paramref name="methods"/> (table rows, in order) at every code length of <paramref name="settings"/>, a
    /// stochastic method (<see cref="HasherInfo.Stochastic"/>) once per seed and any other once, with the first seed.
    /// The method-specific settings are checked first (<see cref="BenchParameters.Check"/>); their errors are thrown.
    /// A method that refuses to run while being built or fitted (<see cref="BenchSettings.RefusalReason"/>) is recorded
    /// once in <see cref="BenchResults.Skipped"/>, its remaining seeds at that code length are not tried, and the rest go
    /// on; if every run is refused, the first refusal's reason is thrown as a <see cref="UserInputException"/>.
    /// </summary>
    public static BenchResults Run(BenchProblem problem, IReadOnlyList<HasherInfo> methods, BenchSettings settings, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        if (methods.Count == 0) throw new ArgumentException("no methods to run", nameof(methods));
        if (settings.Bits.Count == 0) throw new ArgumentException("no code lengths to run", nameof(settings));
        if (settings.Seeds.Count == 0 || settings.Seeds.Distinct().Count() != settings.Seeds.Count)
            throw new ArgumentException("the seeds must be a non-empty list without repeats", nameof(settings));
        if (problem.Labels is { } labels)
        {
            if (labels.Base.Length != problem.Base.Rows || labels.Queries.Length != problem.Queries.Rows)
                throw new ArgumentException($"{labels.Base.Length} base and {labels.Queries.Length} query labels for {problem.Base.Rows} base rows and {problem.Queries.Rows} queries", nameof(problem));
        }
        else if (GroundTruthLists.FindProblem(problem.GroundTruth, problem.Queries.Rows, problem.Base.Rows) is { } problemText)
            throw new ArgumentException($"ground truth {problemText}", nameof(problem));
        settings.Parameters.Check(methods, settings.Bits[0]);

        var runs = new List<BenchRun>();
        var skipped = new List<BenchSkip>();
        UserInputException? firstRefusal = null;
        int total = methods.Sum(m => SeedsOf(m, settings).Count) * settings.Bits.Count, done = 0;
        progress.Report(Stage, 0, total);
        foreach (var method in methods)
            foreach (int bits in settings.Bits)
            {
                var seeds = SeedsOf(method, settings);
                for (int s = 0; s < seeds.Count; s++)
                {
                    settings.Cancellation.ThrowIfCancellationRequested();
                    IHashModel model;
                    double trainSeconds, validationMap;
                    IReadOnlyList<TrainingCheck> checks;
                    try
                    {
                        (model, trainSeconds, validationMap, checks) = BenchTrial.Train(problem, method, bits, seeds[s], settings, progress);
                    }
                    catch (Exception e) when (settings.RefusalReason(method, e) is { } reason)
                    {
                        // A method that cannot run here (say more bits than the data has dimensions) leaves a gap, not an
                        // abort. It refuses before it trains, so its other seeds would be refused the same way.
                        firstRefusal ??= new UserInputException(reason, e);
                        skipped.Add(new BenchSkip(method.Method, bits, reason));
                        progress.Message($"{method.Method} {bits} bits: skipped: {reason}");
                        done += seeds.Count - s;
                        progress.Report(Stage, done, total);
                        break;
                    }
                    var run = BenchTrial.Measure(problem, method.Method, bits, seeds[s], model, trainSeconds, validationMap, settings) with { Checks = checks };
                    runs.Add(run);
                    string label = settings.Seeds.Count > 1 ? $"{run.Method} {run.Bits} bits, seed {run.Seed}" : $"{run.Method} {run.Bits} bits";
                    string validation = double.IsNaN(run.ValidationMap) ? "" : $", validation mAP {run.ValidationMap:F4}";
                    progress.Message($"{label}: mAP {run.Metrics.MeanAveragePrecision:F4}{validation}, " +
                        $"tie-averaged {run.Metrics.MeanAveragePrecisionTieAveraged:F4}, train {run.TrainSeconds:F1} s");
                    progress.Report(Stage, ++done, total);
                }
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
            Blas = Gemm.Provider == BlasProvider.OpenBlas ? $"OpenBLAS {Gemm.OpenBlasKernel}" : "managed",
            Seeds = [.. settings.Seeds],
            Parameters = settings.Parameters,
            Methods = [.. methods.Select(m => m.Method)],
            Bits = [.. settings.Bits],
            Runs = runs,
            Skipped = skipped,
        };
    }

    /// <summary>The seeds <paramref name="method"/> trains with: all of them if it is stochastic, else the first.</summary>
    private static IReadOnlyList<int> SeedsOf(HasherInfo method, BenchSettings settings) =>
        method.Stochastic ? settings.Seeds : [settings.Seeds[0]];
}
