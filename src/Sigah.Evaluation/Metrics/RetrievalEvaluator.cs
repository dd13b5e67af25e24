using Sigah.Core.Codes;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Computes <see cref="RetrievalMetrics"/> over the full Hamming ranking of the base for every query,
/// queries in parallel. The result does not depend on the number of threads (per-query scores are summed
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
        IReadOnlyList<int>? cutoffs = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseCodes);
        ArgumentNullException.ThrowIfNull(queryCodes);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (queryCodes.Bits != baseCodes.Bits)
            throw new ArgumentException($"query codes have {queryCodes.Bits} bits, base codes {baseCodes.Bits}", nameof(queryCodes));
        ArgumentOutOfRangeException.ThrowIfZero(baseCodes.Count, nameof(baseCodes));
        ArgumentOutOfRangeException.ThrowIfZero(queryCodes.Count, nameof(queryCodes));
        string? problem = GroundTruthLists.FindProblem(groundTruth, queryCodes.Count, baseCodes.Count);
        if (problem is not null) throw new ArgumentException($"ground truth {problem}", nameof(groundTruth));
        var depths = cutoffs ?? Cutoffs.PowersOfTen(baseCodes.Count);
        for (int c = 0; c < depths.Count; c++)
            if (depths[c] < 1 || depths[c] > baseCodes.Count || (c > 0 && depths[c] <= depths[c - 1]))
                throw new ArgumentException($"cutoffs must ascend within 1..{baseCodes.Count}; entry {c} is {depths[c]}", nameof(cutoffs));

        int nq = queryCodes.Count, radii = baseCodes.Bits + 1, nc = depths.Count;
        var ap = new double[nq];
        var tieAp = new double[nq];
        var hits = new int[nq * nc];
        var precision = new double[(long)nq * radii];
        var recall = new double[(long)nq * radii];
        var harmonic = HarmonicNumbers(baseCodes.Count);

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? -1 : threads };
        Parallel.For(0, nq, options, () => new QueryScorer(baseCodes, harmonic), (q, _, scorer) =>
        {
            scorer.Score(queryCodes.Code(q), groundTruth[q], depths, out ap[q], out tieAp[q],
                hits.AsSpan(q * nc, nc), precision.AsSpan(q * radii, radii), recall.AsSpan(q * radii, radii));
            return scorer;
        }, _ => { });

        var precisionAt = new double[nc];
        var recallAt = new double[nc];
        for (int q = 0; q < nq; q++)
            for (int c = 0; c < nc; c++)
            {
                precisionAt[c] += (double)hits[q * nc + c] / depths[c];
                recallAt[c] += (double)hits[q * nc + c] / groundTruth[q].Length;
            }
        var meanPrecision = ColumnMeans(precision, nq, radii);
        var meanRecall = ColumnMeans(recall, nq, radii);
        return new RetrievalMetrics
        {
            Queries = nq,
            BaseCount = baseCodes.Count,
            Bits = baseCodes.Bits,
            MeanAveragePrecision = ap.Sum() / nq,
            MeanAveragePrecisionTieAveraged = tieAp.Sum() / nq,
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
