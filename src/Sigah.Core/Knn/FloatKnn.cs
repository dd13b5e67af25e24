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
internal static class FloatKnn
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
        var baseRows = BaseRows.Of(baseVectors);
        CandidateScan.CheckArguments(baseRows, queries, k, threads);
        int nq = queries.Rows;
        var result = KnnResult.Padded(nq, k);
        if (nq == 0 || k == 0 || baseRows.Rows == 0) return result;

        threads = threads == 0 ? Environment.ProcessorCount : threads;
        var all = Enumerable.Range(0, nq).ToArray();
        var (heaps, _) = CandidateScan.Run(baseRows, queries, all, Math.Min(k, baseRows.Rows), threads, progress ?? NullProgress.Instance);
        Parallel.For(0, nq, new ParallelOptions { MaxDegreeOfParallelism = threads }, q =>
        {
            var heap = heaps[q];
            var keys = heap.Distances.ToArray();
            var kept = heap.Ids.ToArray();
            NeighbourOrder.Sort(keys, kept);
            float queryNorm = TensorPrimitives.SumOfSquares(queries.Row(q));
            for (int i = 0; i < kept.Length; i++)
            {
                result.Ids[(long)q * k + i] = kept[i];
                result.Distances[(long)q * k + i] = Math.Max(0f, keys[i] + queryNorm);
            }
        });
        return result;
    }
}
