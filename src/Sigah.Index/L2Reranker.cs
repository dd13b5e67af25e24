using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Core.Knn;

namespace Sigah.Index;

/// <summary>
/// Re-ranks a Hamming shortlist by exact Euclidean distance: the usual way binary codes serve float search
/// (search R ≫ k candidates by code, then keep the k truly nearest). Distances are squared L2 accumulated in
/// double and stored as float, ties by the smaller id, as <see cref="ExactKnn"/>.
/// </summary>
public static class L2Reranker
{
    /// <summary>
    /// For each query (row q of <paramref name="queries"/>), the <paramref name="k"/> candidates of row q of
    /// <paramref name="shortlist"/> (ids = row numbers of <paramref name="baseVectors"/>; -1 entries skipped) nearest
    /// in L2, padded with id -1 and distance +∞. Rows are read from <paramref name="baseVectors"/> one at a time
    /// (a memory-mapped file reads only the rows asked for), on <paramref name="threads"/> threads (0 = all) when
    /// the source allows concurrent reads.
    /// </summary>
    public static KnnResult Rerank(HammingKnnResult shortlist, FloatMatrix queries, IVectorSource baseVectors, int k, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        return Run(shortlist, queries, baseVectors.Rows, baseVectors.Dimension, baseVectors.ReadRows, k,
            baseVectors.ConcurrentReads ? threads : 1);
    }

    /// <summary>As the <see cref="IVectorSource"/> overload, over vectors in memory.</summary>
    public static KnnResult Rerank(HammingKnnResult shortlist, FloatMatrix queries, FloatMatrix baseVectors, int k, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        return Run(shortlist, queries, baseVectors.Rows, baseVectors.Cols,
            (start, count, destination) => baseVectors.RowBlock(start, count).CopyTo(destination), k, threads);
    }

    private delegate void RowReader(int start, int count, Span<float> destination);

    private static KnnResult Run(HammingKnnResult shortlist, FloatMatrix queries, int rows, int dimension, RowReader read, int k, int threads)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (queries.Rows != shortlist.Queries)
            throw new ArgumentException($"{queries.Rows} queries for a shortlist of {shortlist.Queries}", nameof(queries));
        if (queries.Cols != dimension)
            throw new ArgumentException($"queries have dimension {queries.Cols}, the base vectors {dimension}", nameof(queries));
        foreach (long id in shortlist.Ids)
            if (id < -1 || id >= rows) throw new ArgumentException($"shortlist id {id} is not a row of the {rows} base vectors", nameof(shortlist));

        var ids = new long[checked(shortlist.Queries * k)];
        var distances = new float[ids.Length];
        Parallel.For(0, shortlist.Queries, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads },
            () => new float[dimension],
            (int q, ParallelLoopState _, float[] row) =>
            {
                var ranked = new List<(double Distance, long Id)>(shortlist.K);
                foreach (long id in shortlist.IdsOf(q))
                {
                    if (id < 0) continue;
                    read((int)id, 1, row);
                    ranked.Add((SquaredDistance(queries.Row(q), row), id));
                }
                ranked.Sort();
                for (int j = 0; j < k; j++)
                {
                    bool found = j < ranked.Count;
                    ids[q * k + j] = found ? ranked[j].Id : -1;
                    distances[q * k + j] = found ? (float)ranked[j].Distance : float.PositiveInfinity;
                }
                return row;
            },
            _ => { });
        return new KnnResult(shortlist.Queries, k, ids, distances);
    }

    /// <summary>Squared Euclidean distance of two vectors of the same length, accumulated in double.</summary>
    internal static double SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = (double)x[i] - y[i];
            sum += d * d;
        }
        return sum;
    }
}
