using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Core.Progress;

namespace Sigah.Core.Knn;

/// <summary>
/// Euclidean k nearest neighbours ranked by float squared distances, without <see cref="ExactKnn"/>'s exact recheck:
/// neighbours whose distances differ by less than float rounding may swap places. For work that only samples from
/// the neighbour lists (training), where the recheck would cost as much as a third of the search; ground truth uses
/// <see cref="ExactKnn"/>.
/// </summary>
public static class FloatKnn
{
    /// <summary>
    /// The <paramref name="k"/> nearest rows of <paramref name="baseVectors"/> (nb × d) for every row of
    /// <paramref name="queries"/> (nq × d): nq × k ids and float squared distances, nearest first, ties by smaller id,
    /// padded with -1 and +∞ when nb &lt; k. <paramref name="threads"/> (0 = all processors) bounds the selection
    /// threads; the products use <see cref="Gemm.Threads"/>.
    /// </summary>
    public static KnnResult Search(FloatMatrix baseVectors, FloatMatrix queries, int k, int threads = 0, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (baseVectors.Rows > 0 && queries.Rows > 0 && baseVectors.Cols != queries.Cols)
            throw new ArgumentException($"queries have dimension {queries.Cols}, the base {baseVectors.Cols}", nameof(queries));
        int nq = queries.Rows;
        var ids = new long[(long)nq * k];
        var distances = new float[(long)nq * k];
        Array.Fill(ids, -1L);
        Array.Fill(distances, float.PositiveInfinity);
        var result = new KnnResult(nq, k, ids, distances);
        if (nq == 0 || k == 0 || baseVectors.Rows == 0) return result;

        threads = threads == 0 ? Environment.ProcessorCount : threads;
        var all = Enumerable.Range(0, nq).ToArray();
        var (heaps, _) = CandidateScan.Run(BaseRows.Of(baseVectors), queries, all, Math.Min(k, baseVectors.Rows), threads, progress ?? NullProgress.Instance);
        Parallel.For(0, nq, new ParallelOptions { MaxDegreeOfParallelism = threads }, q =>
        {
            var heap = heaps[q];
            var keys = heap.Distances.ToArray();
            var kept = heap.Ids.ToArray();
            Array.Sort(keys, kept);
            // The heap kept the smaller id among equal keys; ordering each run of equal keys by id gives ExactKnn's tie order.
            for (int i = 0, end; i < keys.Length; i = end)
            {
                for (end = i + 1; end < keys.Length && keys[end] == keys[i]; end++) { }
                if (end - i > 1) Array.Sort(kept, i, end - i);
            }
            float queryNorm = TensorPrimitives.SumOfSquares(queries.Row(q));
            for (int i = 0; i < kept.Length; i++)
            {
                ids[(long)q * k + i] = kept[i];
                distances[(long)q * k + i] = Math.Max(0f, keys[i] + queryNorm);
            }
        });
        return result;
    }
}
