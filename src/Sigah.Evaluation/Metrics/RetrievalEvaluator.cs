using Sigah.Core.Codes;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Computes <see cref="RetrievalMetrics"/> over the full Hamming ranking of the base for every query, relevance given
/// by ground-truth neighbour lists or by class labels (<see cref="Relevance"/>), queries in parallel. The result does not depend on the number of threads (per-query scores are summed
/// in query order).
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Ranks all base codes for every query and scores the rankings against the ground truth.</summary>
    /// <param name="baseCodes">The codes ranked, at least one.</param>
    /// <param name="queryCodes">One code per query, at least one, as many bits as the base codes.</param>
    /// <param name="groundTruth"><c>groundTruth[q]</c>: query q's true neighbours as base indices, at least one, distinct (see <see cref="GroundTruthLists"/>).</param>
    /// <param name="cutoffs">Depths N for precision@N and recall@N, ascending, each in 1..base count; default <see cref="Cutoffs.PowersOfTen"/>.</param>
    /// <param name="threads">Worker threads; 0 means all processors.</param>
    public static RetrievalMetrics Evaluate(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth,
        IReadOnlyList<int>? cutoffs = null, int threads = 0) =>
        Evaluate(baseCodes, queryCodes, new NeighbourRelevance(groundTruth), cutoffs, mapAtK: null, threads);

    /// <summary>Ranks all base codes for every query and scores the rankings against <paramref name="relevance"/>.</summary>
    /// <param name="baseCodes">The codes ranked, at least one.</param>
    /// <param name="queryCodes">One code per query, at least one, as many bits as the base codes.</param>
    /// <param name="relevance">Which base items are relevant to each query; every query needs at least one.</param>
    /// <param name="cutoffs">Depths N for precision@N and recall@N, ascending, each in 1..base count; default <see cref="Cutoffs.PowersOfTen"/>.</param>
    /// <param name="mapAtK">When given (at least 1), also the mAP over the top K of each ranking (<see cref="RetrievalMetrics.MeanAveragePrecisionAtK"/>).</param>
    /// <param name="threads">Worker threads; 0 means all processors.</param>
    public static RetrievalMetrics Evaluate(PackedCodes baseCodes, PackedCodes queryCodes, Relevance relevance,
        IReadOnlyList<int>? cutoffs = null, int? mapAtK = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseCodes);
        ArgumentNullException.ThrowIfNull(queryCodes);
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (mapAtK is { } k) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k, nameof(mapAtK));
        if (queryCodes.Bits != baseCodes.Bits)
            throw new ArgumentException($"query codes have {queryCodes.Bits} bits, base codes {baseCodes.Bits}", nameof(queryCodes));
        ArgumentOutOfRangeException.ThrowIfZero(baseCodes.Count, nameof(baseCodes));
        ArgumentOutOfRangeException.ThrowIfZero(queryCodes.Count, nameof(queryCodes));
        string? problem = relevance.FindProblem(queryCodes.Count, baseCodes.Count);
        if (problem is not null) throw new ArgumentException($"relevance {problem}", nameof(relevance));
        var depths = cutoffs ?? Cutoffs.PowersOfTen(baseCodes.Count);
        for (int c = 0; c < depths.Count; c++)
            if (depths[c] < 1 || depths[c] > baseCodes.Count || (c > 0 && depths[c] <= depths[c - 1]))
                throw new ArgumentException($"cutoffs must ascend within 1..{baseCodes.Count}; entry {c} is {depths[c]}", nameof(cutoffs));

        int nq = queryCodes.Count, radii = baseCodes.Bits + 1, nc = depths.Count;
        var scores = new QueryScore[nq];
        var hits = new int[nq * nc];
        var precision = new double[(long)nq * radii];
        var recall = new double[(long)nq * radii];
        var harmonic = HarmonicNumbers(baseCodes.Count);
        int depth = mapAtK ?? baseCodes.Count;

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? -1 : threads };
        Parallel.For(0, nq, options, () => new QueryScorer(baseCodes, harmonic, depth), (q, _, scorer) =>
        {
            scores[q] = scorer.Score(queryCodes.Code(q), relevance, q, depths,
                hits.AsSpan(q * nc, nc), precision.AsSpan(q * radii, radii), recall.AsSpan(q * radii, radii));
            return scorer;
        }, _ => { });

        var precisionAt = new double[nc];
        var recallAt = new double[nc];
        for (int q = 0; q < nq; q++)
            for (int c = 0; c < nc; c++)
            {
                precisionAt[c] += (double)hits[q * nc + c] / depths[c];
                recallAt[c] += (double)hits[q * nc + c] / relevance.RelevantCount(q);
            }
        var meanPrecision = ColumnMeans(precision, nq, radii);
        var meanRecall = ColumnMeans(recall, nq, radii);
        return new RetrievalMetrics
        {
            Queries = nq,
            BaseCount = baseCodes.Count,
            Bits = baseCodes.Bits,
            MeanAveragePrecision = scores.Sum(s => s.AveragePrecision) / nq,
            MeanAveragePrecisionTieAveraged = scores.Sum(s => s.TieAveragedPrecision) / nq,
            MapAtK = mapAtK,
            MeanAveragePrecisionAtK = mapAtK is null ? null : scores.Sum(s => s.AveragePrecisionAtK) / nq,
            Cutoffs = [.. depths],
            PrecisionAt = [.. precisionAt.Select(s => s / nq)],
            RecallAt = [.. recallAt.Select(s => s / nq)],
            PrecisionWithinRadius = meanPrecision,
            RecallWithinRadius = meanRecall,
            PrAuc = TrapezoidArea(meanRecall, meanPrecision),
        };
    }

    /// <summary>Area under the polyline through (x[i], y[i]) in the given order, by the trapezoid rule.</summary>
    public static double TrapezoidArea(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} points, y {y.Length}", nameof(y));
        double area = 0;
        for (int i = 1; i < x.Length; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        return area;
    }

    private static double[] ColumnMeans(double[] rows, int count, int width)
    {
        var mean = new double[width];
        for (int q = 0; q < count; q++)
            for (int j = 0; j < width; j++) mean[j] += rows[(long)q * width + j];
        for (int j = 0; j < width; j++) mean[j] /= count;
        return mean;
    }

    /// <summary>H[i] = 1 + 1/2 + … + 1/i for i = 0..<paramref name="n"/>.</summary>
    private static double[] HarmonicNumbers(int n)
    {
        var h = new double[n + 1];
        for (int i = 1; i <= n; i++) h[i] = h[i - 1] + 1.0 / i;
        return h;
    }
}
