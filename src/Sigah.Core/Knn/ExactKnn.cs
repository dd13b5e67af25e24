using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Core.Progress;

namespace Sigah.Core.Knn;

/// <summary>
/// Exact Euclidean k nearest neighbours (squared L2, ties by smaller id), the ground truth of every evaluation.
/// <para>
/// Candidates are found with ‖y‖² − 2x·y (the query's own norm does not change its ranking), the dot products coming
/// from <c>Gemm.Sgemm</c> on blocks of base rows × blocks of queries, so only one block of products is ever
/// held (never an nq × nb matrix), and the base can stream from a file. Each query keeps its best k + margin
/// candidates; their distances are then recomputed exactly (in double) and sorted. A rounding bound checks that no
/// vector outside the candidates can beat the k-th exact distance; queries that fail the check (many near-ties)
/// are searched again with a wider margin, so the result is exact, not just likely exact.
/// </para>
/// </summary>
public static class ExactKnn
{
    private const int MinimumMargin = 16;
    private const int MarginGrowth = 8;

    /// <summary>
    /// The <paramref name="k"/> nearest rows of <paramref name="baseVectors"/> for every row of <paramref name="queries"/>.
    /// <paramref name="threads"/> (0 = all processors) bounds the selection and reading threads; the products use
    /// <see cref="Gemm.Threads"/>.
    /// </summary>
    public static KnnResult Search(FloatMatrix baseVectors, FloatMatrix queries, int k, int threads = 0, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        return Run(BaseRows.Of(baseVectors), queries, k, threads, progress);
    }

    /// <summary>As <see cref="Search(FloatMatrix, FloatMatrix, int, int, IProgressSink?)"/>, streaming the base from a file in row blocks.</summary>
    public static KnnResult Search(IVectorSource baseVectors, FloatMatrix queries, int k, int threads = 0, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        return Run(BaseRows.Of(baseVectors), queries, k, threads, progress);
    }

    private static KnnResult Run(BaseRows baseRows, FloatMatrix queries, int k, int threads, IProgressSink? progress)
    {
        CandidateScan.CheckArguments(baseRows, queries, k, threads);
        threads = threads == 0 ? Environment.ProcessorCount : threads;
        progress ??= NullProgress.Instance;

        int nq = queries.Rows;
        var result = KnnResult.Padded(nq, k);
        if (nq == 0 || k == 0 || baseRows.Rows == 0) return result;

        int[] pending = Enumerable.Range(0, nq).ToArray();
        for (long margin = Math.Max(MinimumMargin, k / 4); pending.Length > 0; margin *= MarginGrowth)
        {
            int capacity = (int)Math.Min(baseRows.Rows, k + margin);
            var (heaps, maxNormSquared) = CandidateScan.Run(baseRows, queries, pending, capacity, threads, progress);
            pending = Finish(baseRows, queries, pending, heaps, maxNormSquared, result, threads);
            if (pending.Length > 0) progress.Message($"exact k-NN: {pending.Length} queries with near-ties searched again with a wider margin");
        }
        return result;
    }

    /// <summary>
    /// Recomputes the candidates' distances exactly, writes the k best of every query whose candidate set provably
    /// holds its true k nearest, and returns the queries for which that cannot be proven.
    /// </summary>
    private static int[] Finish(BaseRows baseRows, FloatMatrix queries, int[] pending, CandidateHeap[] heaps,
        float maxNormSquared, KnnResult result, int threads)
    {
        int d = baseRows.Dimension, k = result.K;
        // Float error of ‖y‖² − 2x·y: each dot product or norm of d terms is off by at most γ·(‖x‖‖y‖ or ‖y‖²),
        // with γ = n·u/(1 − n·u) for n terms and unit roundoff u = 2⁻²⁴ (any summation order); the final
        // subtraction adds u relative. (d + 4) terms cover all of it; a bound ≥ 1 simply forces a wider margin.
        double nu = (d + 4) * Math.Pow(2, -24);
        double gamma = nu < 0.5 ? nu / (1 - nu) : double.PositiveInfinity;
        double maxNorm = Math.Sqrt(maxNormSquared * (1 + gamma));
        var retry = new bool[pending.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = baseRows.ConcurrentReads ? threads : 1 };
        Parallel.For(0, pending.Length, parallel, () => new float[d], (p, _, scratch) =>
        {
            int query = pending[p];
            var heap = heaps[p];
            var x = queries.Row(query);
            var candidates = heap.Ids.ToArray();
            var exact = new double[candidates.Length];
            for (int c = 0; c < candidates.Length; c++) exact[c] = SquaredL2.Distance(x, baseRows.Row(candidates[c], scratch));
            NeighbourOrder.Sort(exact, candidates);
            int kept = Math.Min(k, candidates.Length);
            if (heap.Count < baseRows.Rows)
            {
                double xNormSquared = SquaredL2.Norm(x);
                double error = gamma * (2 * Math.Sqrt(xNormSquared) * maxNorm + 2 * maxNorm * maxNorm);
                double worstOutside = heap.Threshold + xNormSquared - error;
                if (!(worstOutside > exact[kept - 1] * (1 + 1e-12)))
                {
                    retry[p] = true;
                    return scratch;
                }
            }
            for (int i = 0; i < kept; i++)
            {
                result.Ids[(long)query * k + i] = candidates[i];
                result.Distances[(long)query * k + i] = (float)exact[i];
            }
            return scratch;
        }, _ => { });
        return pending.Where((_, p) => retry[p]).ToArray();
    }
}
