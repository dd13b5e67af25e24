using System.Diagnostics;
using Sigah.Core.Progress;
using Sigah.Evaluation.Metrics;
using Sigah.Evaluation.Protocol;
using Sigah.Hashing;
using Sigah.Index;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// One method × code length × seed of a bench run: fit on the problem's training vectors (with
/// <see cref="MeanAveragePrecisionMetric"/> as the early-stopping score), encode base and queries, search
/// the exact Hamming k-NN by linear scan (k = the longest ground-truth list), and evaluate the full ranking.
/// </summary>
internal static class BenchTrial
{
    /// <summary>
    /// Builds <paramref name="method"/> with its own settings at <paramref name="bits"/> bits and fits it with
    /// <paramref name="seed"/>; returns the model, the wall time of the fit and the best validation mAP the trainer
    /// scored on its held-out training rows (NaN for methods that do not validate), and its validation checks.
    /// </summary>
    public static (IHashModel Model, double Seconds, double ValidationMap, IReadOnlyList<TrainingCheck> Checks) Train(BenchProblem problem,
        HasherInfo method, int bits, int seed, BenchSettings settings, IProgressSink progress)
    {
        var checks = new List<TrainingCheck>();
        var hasher = method.Create(bits, settings.Parameters.For(method.Method));
        var validation = new BestScoreMetric(new MeanAveragePrecisionMetric());
        var context = new TrainingContext
        {
            Seed = seed,
            Progress = progress,
            ValidationMetric = validation,
            InputName = problem.Name,
            Cancellation = settings.Cancellation,
            OnCheck = checks.Add,
        };
        var clock = Stopwatch.StartNew();
        var model = hasher.Fit(problem.Training, context);
        return (model, clock.Elapsed.TotalSeconds, validation.Best, checks);
    }

    /// <summary>Encodes base and queries with <paramref name="model"/>, times the exact Hamming k-NN search and evaluates the full ranking.</summary>
    public static BenchRun Measure(BenchProblem problem, string method, int bits, int seed, IHashModel model, double trainSeconds,
        double validationMap, BenchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var baseCodes = model.EncodeAll(problem.Base, problem.Name);
        var queryCodes = model.EncodeAll(problem.Queries, problem.Name);
        double encodeRate = (problem.Base.Rows + problem.Queries.Rows) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

        int k = problem.Labels is null ? problem.GroundTruth.Max(list => list.Length) : GroundTruthDefinition.SameLabel.SearchK;
        clock.Restart();
        LinearScan.Search(baseCodes, queryCodes, Math.Min(k, baseCodes.Count), settings.Threads);
        double searchSeconds = clock.Elapsed.TotalSeconds;

        Relevance relevance = problem.Labels is { } labels ? new LabelRelevance(labels.Base, labels.Queries) : new NeighbourRelevance(problem.GroundTruth);
        var metrics = RetrievalEvaluator.Evaluate(baseCodes, queryCodes, relevance, Cutoffs.OneTwoFive(baseCodes.Count), threads: settings.Threads);
        return new BenchRun(method, bits, seed, metrics, trainSeconds, encodeRate, searchSeconds, validationMap);
    }
}
