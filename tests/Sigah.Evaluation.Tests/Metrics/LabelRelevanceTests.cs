using System.Globalization;
using Sigah.Core.Codes;
using Sigah.IO;
using Sigah.Core.Tests;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Metrics;

/// <summary>
/// Relevance by class label and mAP@K: hand-computed cases, agreement with explicit neighbour lists of the same
/// items, and agreement with an independent numpy reference written the way hashing papers' evaluation code is.
/// </summary>
public sealed class LabelRelevanceTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Distances 1, 0, 1, 2, 0 from the zero query, labels 0, 1, 1, 0, 1, query label 1: the ranking (ties by smaller
    /// index) is 1*, 4*, 0, 2*, 3 with relevant items marked.
    /// </summary>
    private static RetrievalMetrics HandExample(int? mapAtK, int[]? cutoffs = null) =>
        RetrievalEvaluator.Evaluate(CodesAtDistances.Base([1, 0, 1, 2, 0]), CodesAtDistances.ZeroQuery(),
            new LabelRelevance([0, 1, 1, 0, 1], [1]), cutoffs, mapAtK);

    [Theory]
    [InlineData(1, 1.0)]                                // 1*: P = 1
    [InlineData(3, 1.0)]                                // 1*, 4*, 0: (1 + 1) / 2 hits
    [InlineData(4, (1 + 1 + 0.75) / 3)]                 // 2* at rank 4: precision 3/4
    [InlineData(1000, (1 + 1 + 0.75) / 3)]              // K beyond the base: every hit counts
    public void Map_at_k_averages_precision_over_the_hits_within_the_top_k(int k, double expected)
    {
        var m = HandExample(k);
        Assert.Equal(k, m.MapAtK);
        Assert.Equal(expected, m.MeanAveragePrecisionAtK!.Value, Tolerance);
        Assert.Equal((1 + 1 + 0.75) / 3, m.MeanAveragePrecision, Tolerance);
    }

    [Fact]
    public void Label_precision_and_recall_at_n_count_items_of_the_query_label()
    {
        var m = HandExample(null, [1, 2, 3, 5]);
        Assert.Null(m.MapAtK);
        Assert.Null(m.MeanAveragePrecisionAtK);
        Assert.Equal([1.0, 1.0, 2.0 / 3, 3.0 / 5], m.PrecisionAt);
        Assert.Equal([1.0 / 3, 2.0 / 3, 2.0 / 3, 1.0], m.RecallAt);
        Assert.Equal(2.0 / 2, m.PrecisionWithinRadius[0], Tolerance);
        Assert.Equal(3.0 / 4, m.PrecisionWithinRadius[1], Tolerance);
    }

    [Fact]
    public void Map_at_k_of_a_query_without_hits_in_the_top_k_is_zero()
    {
        // Ground truth {2, 4} of the same distances: ranking 1, 4*, 0, 2*, 3.
        var codes = CodesAtDistances.Base([1, 0, 1, 2, 0]);
        var relevance = new NeighbourRelevance([[2, 4]]);
        Assert.Equal(0, RetrievalEvaluator.Evaluate(codes, CodesAtDistances.ZeroQuery(), relevance, mapAtK: 1).MeanAveragePrecisionAtK);
        Assert.Equal(0.5, RetrievalEvaluator.Evaluate(codes, CodesAtDistances.ZeroQuery(), relevance, mapAtK: 2).MeanAveragePrecisionAtK);
        Assert.Equal(0.5, RetrievalEvaluator.Evaluate(codes, CodesAtDistances.ZeroQuery(), relevance, mapAtK: 5).MeanAveragePrecisionAtK);
    }

    [Theory]
    [InlineData(1, 600, 16, 30, 10)]
    [InlineData(2, 9000, 8, 12, 3)]    // more than two kernel blocks, heavy ties
    [InlineData(3, 300, 64, 7, 40)]    // most labels hold a few items
    public void Labels_score_as_the_lists_of_items_sharing_the_query_label(int seed, int n, int bits, int nq, int classes)
    {
        var rng = new Random(seed);
        var (baseCodes, queries, baseLabels, queryLabels) = RandomProblem(rng, n, bits, nq, classes);
        int[][] lists = [.. queryLabels.Select(l => Enumerable.Range(0, n).Where(i => baseLabels[i] == l).ToArray())];
        var cutoffs = Cutoffs.OneTwoFive(n);
        var byLabel = RetrievalEvaluator.Evaluate(baseCodes, queries, new LabelRelevance(baseLabels, queryLabels), cutoffs, mapAtK: 50, threads: 2);
        var byList = RetrievalEvaluator.Evaluate(baseCodes, queries, new NeighbourRelevance(lists), cutoffs, mapAtK: 50, threads: 1);
        Assert.Equal(byList.MeanAveragePrecision, byLabel.MeanAveragePrecision, Tolerance);
        Assert.Equal(byList.MeanAveragePrecisionTieAveraged, byLabel.MeanAveragePrecisionTieAveraged, Tolerance);
        Assert.Equal(byList.MeanAveragePrecisionAtK!.Value, byLabel.MeanAveragePrecisionAtK!.Value, Tolerance);
        Assert.Equal(byList.PrecisionAt, byLabel.PrecisionAt);
        Assert.Equal(byList.RecallAt, byLabel.RecallAt);
        Assert.Equal(byList.PrecisionWithinRadius, byLabel.PrecisionWithinRadius);
        Assert.Equal(byList.RecallWithinRadius, byLabel.RecallWithinRadius);
    }

    /// <summary>
    /// mAP, mAP@K (as DPSH's CalcTopMap: precision at each hit within the top K, over the hits within the top K), and
    /// precision and recall at N of a stable argsort of numpy Hamming distances, per query, averaged.
    /// </summary>
    private const string NumpyReference = """
        import sys, numpy as np
        d = sys.argv[1]
        B, Q = np.load(d + "/b.npy"), np.load(d + "/q.npy")
        bl, ql = np.load(d + "/bl.npy"), np.load(d + "/ql.npy")
        K, cutoffs = int(sys.argv[2]), [int(c) for c in sys.argv[3].split(",")]
        bb, qb = np.unpackbits(B, axis=1, bitorder="little"), np.unpackbits(Q, axis=1, bitorder="little")
        ham = (qb[:, None, :] != bb[None, :, :]).sum(axis=2)
        maps, mapks, p, r = [], [], np.zeros(len(cutoffs)), np.zeros(len(cutoffs))
        for q in range(len(Q)):
            rel = (bl[np.argsort(ham[q], kind="stable")] == ql[q]).astype(np.float64)
            hits, pos = np.cumsum(rel), np.arange(1, len(rel) + 1)
            maps.append((hits / pos * rel).sum() / rel.sum())
            top = rel[:K]
            mapks.append(0.0 if top.sum() == 0 else (hits[:K] / pos[:K] * top).sum() / top.sum())
            p += [hits[c - 1] / c for c in cutoffs]
            r += [hits[c - 1] / rel.sum() for c in cutoffs]
        print(repr(np.mean(maps)), repr(np.mean(mapks)), " ".join(repr(x / len(Q)) for x in p), " ".join(repr(x / len(Q)) for x in r))
        """;

    [Theory]
    [InlineData(5, 700, 64, 25, 10, 50)]
    [InlineData(6, 2000, 16, 40, 4, 100)]    // short codes: many ties, broken by the smaller index
    public void Label_metrics_match_a_numpy_reference(int seed, int n, int bits, int nq, int classes, int k)
    {
        var (baseCodes, queries, baseLabels, queryLabels) = RandomProblem(new Random(seed), n, bits, nq, classes);
        using var dir = new TempFolder();
        CodesFile.Write(dir.File("b.npy"), baseCodes);
        CodesFile.Write(dir.File("q.npy"), queries);
        NpyFile.Write<int>(dir.File("bl.npy"), baseLabels, n);
        NpyFile.Write<int>(dir.File("ql.npy"), queryLabels, nq);
        int[] cutoffs = [1, 10, 100, n];
        var fields = ReferencePython.Run(NumpyReference, dir.Path, k.ToString(CultureInfo.InvariantCulture), string.Join(",", cutoffs))
            .Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var m = RetrievalEvaluator.Evaluate(baseCodes, queries, new LabelRelevance(baseLabels, queryLabels), cutoffs, mapAtK: k);

        Assert.Equal(fields[0], m.MeanAveragePrecision, Tolerance);
        Assert.Equal(fields[1], m.MeanAveragePrecisionAtK!.Value, Tolerance);
        for (int c = 0; c < cutoffs.Length; c++)
        {
            Assert.Equal(fields[2 + c], m.PrecisionAt[c], Tolerance);
            Assert.Equal(fields[2 + cutoffs.Length + c], m.RecallAt[c], Tolerance);
        }
    }

    [Fact]
    public void Labels_that_do_not_fit_the_codes_are_rejected()
    {
        var codes = CodesAtDistances.Base([1, 0, 1]);
        string Problem(int[] b, int[] q) =>
            Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(codes, CodesAtDistances.ZeroQuery(), new LabelRelevance(b, q))).Message;
        Assert.StartsWith("relevance has 2 base labels for 3 base items", Problem([1, 2], [1]));
        Assert.StartsWith("relevance has 2 query labels for 1 queries", Problem([1, 2, 3], [1, 2]));
        Assert.StartsWith("relevance query 0 has label 7, which no base item has", Problem([1, 2, 3], [7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalEvaluator.Evaluate(codes, CodesAtDistances.ZeroQuery(), new LabelRelevance([1, 1, 1], [1]), mapAtK: 0));
    }

    private static (PackedCodes Base, PackedCodes Queries, int[] BaseLabels, int[] QueryLabels) RandomProblem(Random rng, int n, int bits, int nq, int classes)
    {
        var baseCodes = new PackedCodes(n, bits);
        var queries = new PackedCodes(nq, bits);
        rng.NextBytes(baseCodes.Data);
        rng.NextBytes(queries.Data);
        int[] baseLabels = [.. Enumerable.Range(0, n).Select(_ => rng.Next(classes))];
        // Query labels drawn from the base's, so every query has relevant items.
        int[] queryLabels = [.. Enumerable.Range(0, nq).Select(_ => baseLabels[rng.Next(n)])];
        return (baseCodes, queries, baseLabels, queryLabels);
    }

    /// <summary>A fresh directory under the system temp folder, deleted with its content on dispose.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sigah-labels-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
