using System.Numerics;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Protocol;
using Sigah.Hashing;
using Sigah.IO.Data;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary><c>bench --relevance labels</c>: a base item is relevant when it has the query's label, as supervised hashing papers score.</summary>
public sealed class LabelRelevanceBenchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-labels-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rows of 8 clusters in 16 dimensions, each labelled with its cluster.</summary>
    private static (FloatMatrix Rows, int[] Labels) Labelled(int rows, Random random, float[][] centres)
    {
        var m = new FloatMatrix(rows, 16);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = random.Next(centres.Length);
            for (int j = 0; j < 16; j++) m.Row(i)[j] = centres[labels[i]][j] + (float)(random.NextDouble() - 0.5) * 6;
        }
        return (m, labels);
    }

    [Fact]
    public void Label_map_equals_a_brute_force_ranking_by_hamming_distance_then_index()
    {
        var random = new Random(4);
        var centres = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() * 10)).ToArray()).ToArray();
        var (train, trainLabels) = Labelled(500, random, centres);
        var (queries, queryLabels) = Labelled(60, random, centres);
        var dataset = new Dataset("labelled", train, queries, GroundTruth: null) { TrainLabels = trainLabels, QueryLabels = queryLabels };

        var problem = BenchSetup.Prepare(dataset, new QuerySelection.First(40), new GroundTruthDefinition.SameLabel(), _dir, NullProgress.Instance);
        var results = BenchRunner.Run(problem, [HasherRegistry.Get("lsh")], new BenchSettings { Bits = [16], Seeds = [2] }, NullProgress.Instance);

        var model = HasherRegistry.Get("lsh").Create(16).Fit(train, new TrainingContext { Seed = 2 });
        var baseCodes = model.EncodeAll(train);
        var queryCodes = model.EncodeAll(queries.SelectRows([.. Enumerable.Range(0, 40)]));
        double total = 0;
        for (int q = 0; q < 40; q++)
        {
            var ranked = Enumerable.Range(0, train.Rows).OrderBy(i => Hamming(queryCodes, q, baseCodes, i)).ThenBy(i => i).ToArray();
            double hits = 0, sum = 0;
            for (int r = 0; r < ranked.Length; r++)
                if (trainLabels[ranked[r]] == queryLabels[q]) sum += ++hits / (r + 1);
            total += sum / hits;
        }
        Assert.Equal(total / 40, results.Runs[0].Metrics.MeanAveragePrecision, 12);
        Assert.Equal("same label as the query (class relevance), first 40 of 60 queries", problem.GroundTruthDescription);
    }

    [Fact]
    public void A_dataset_without_labels_is_refused_by_name()
    {
        var rows = new FloatMatrix(20, 4);
        var dataset = new Dataset("plain", rows, rows, GroundTruth: null);
        var error = Assert.Throws<UserInputException>(() =>
            BenchSetup.Prepare(dataset, new QuerySelection.First(5), new GroundTruthDefinition.SameLabel(), _dir, NullProgress.Instance));
        Assert.Equal("--relevance: plain has no labels (Fashion-MNIST and MNIST-format files have)", error.Message);
    }

    private static int Hamming(PackedCodes a, int i, PackedCodes b, int j)
    {
        int d = 0;
        for (int k = 0; k < a.BytesPerCode; k++) d += BitOperations.PopCount((uint)(a.Data[i * a.BytesPerCode + k] ^ b.Data[j * b.BytesPerCode + k]));
        return d;
    }
}
