using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Core.Progress;
using Sigah.Evaluation.Metrics;
using Sigah.Evaluation.Protocol;
using Sigah.IO.Data;

namespace Sigah.Evaluation.Bench;

/// <summary>Turns a loaded <see cref="Dataset"/> into a <see cref="BenchProblem"/>: chooses the queries and finds their ground truth.</summary>
internal static class BenchSetup
{
    /// <summary>
    /// Picks the queries of <paramref name="dataset"/> by <paramref name="selection"/> and their true neighbours by
    /// <paramref name="definition"/>: the dataset's shipped ground truth when it is top-K and lists at least K
    /// neighbours per query, otherwise exact Euclidean k-NN through <see cref="GroundTruthCache"/> in <paramref name="cacheDirectory"/>.
    /// With <paramref name="maxTrain"/>, hashers learn from that many training rows drawn with <paramref name="seed"/>.
    /// </summary>
    public static BenchProblem Prepare(Dataset dataset, QuerySelection selection, GroundTruthDefinition definition,
        string cacheDirectory, IProgressSink progress, int threads = 0, int? maxTrain = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(definition);
        if (maxTrain is < 1) throw new ArgumentOutOfRangeException(nameof(maxTrain), maxTrain, "must be at least 1");
        int[] picked = selection.Pick(dataset.Queries.Rows);
        var queries = dataset.Queries.SelectRows(picked);
        string description = $"{definition.Describe()}, {selection.Describe(dataset.Queries.Rows)}";
        var training = dataset.Learn ?? dataset.Train;
        if (maxTrain is { } limit && limit < training.Rows)
            training = training.SelectRows(SeededSample.Distinct(training.Rows, limit, seed));
        var learn = ReferenceEquals(training, dataset.Train) ? null : training;
        if (definition is GroundTruthDefinition.SameLabel)
        {
            if (dataset.TrainLabels is not { } baseLabels || dataset.QueryLabels is not { } queryLabels)
                throw new UserInputException($"--relevance: {dataset.Name} has no labels (Fashion-MNIST and MNIST-format files have)");
            return new BenchProblem(dataset.Name, dataset.Train, queries, [], description, learn) { Labels = (baseLabels, [.. picked.Select(q => queryLabels[q])]) };
        }
        int k = definition.NeighboursFor(dataset.Train.Rows);
        int[][] truth;
        if (definition is GroundTruthDefinition.TopK && dataset.GroundTruth is { } shipped && picked.All(q => shipped[q].Length >= k))
        {
            truth = GroundTruthLists.Truncate([.. picked.Select(q => shipped[q])], k);
            description += " (as shipped with the dataset)";
        }
        else
        {
            truth = GroundTruthCache.LoadOrCompute(cacheDirectory, $"{dataset.Name}-{selection.Tag}", dataset.Train, queries,
                definition, progress, threads);
        }
        return new BenchProblem(dataset.Name, dataset.Train, queries, truth, description, learn);
    }
}
