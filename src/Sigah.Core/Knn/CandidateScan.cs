using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Core.Progress;

namespace Sigah.Core.Knn;

/// <summary>
/// The candidate pass shared by <see cref="ExactKnn"/> and <see cref="FloatKnn"/>: dot products from <c>Gemm.Sgemm</c>
/// on blocks of base rows × blocks of queries (never an nq × nb matrix), each query keeping its best candidates by
/// ‖y‖² − 2x·y in float (the query's own norm does not change its ranking).
/// </summary>
internal static class CandidateScan
{
    private const long BaseBlockValues = 4L << 20;    // ~16 MB of base rows per block
    private const long ProductBlockValues = 16L << 20; // ~64 MB of dot products per (query block × base block)

    /// <summary>The argument checks every search over <paramref name="baseRows"/> makes, naming the parameter at fault.</summary>
    public static void CheckArguments(BaseRows baseRows, FloatMatrix queries, int k, int threads)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (baseRows.Rows > 0 && queries.Rows > 0 && baseRows.Dimension != queries.Cols)
            throw new ArgumentException($"queries have dimension {queries.Cols}, the base {baseRows.Dimension}", nameof(queries));
    }

    /// <summary>
    /// One pass over the base: the best <paramref name="capacity"/> candidates of each query listed in <paramref name="pending"/>
    /// (heap i for query pending[i]), ranked by the float key ‖y‖² − 2x·y, and the largest squared base norm.
    /// </summary>
    public static (CandidateHeap[] Heaps, float MaxNormSquared) Run(BaseRows baseRows, FloatMatrix queries, int[] pending,
        int capacity, int threads, IProgressSink progress)
    {
        int nb = baseRows.Rows, d = baseRows.Dimension, np = pending.Length;
        float[] q = pending.Length == queries.Rows ? queries.Data : queries.SelectRows(pending).Data;
        int baseBlock = (int)Math.Clamp(BaseBlockValues / Math.Max(d, 1), 256, 65536);
        baseBlock = Math.Min(baseBlock, nb);
        int queryBlock = (int)Math.Clamp(ProductBlockValues / baseBlock, 1, np);
        var heaps = new CandidateHeap[np];
        for (int i = 0; i < np; i++) heaps[i] = new CandidateHeap(capacity);
        var norms = new float[baseBlock];
        var products = new float[(long)queryBlock * baseBlock];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        float maxNormSquared = 0;

        using var blocks = new BlockPrefetcher(baseRows, baseBlock);
        while (blocks.TryNext(out int start, out int count, out var values))
        {
            var block = values.Span;
            for (int j = 0; j < count; j++) norms[j] = TensorPrimitives.SumOfSquares(block.Slice(j * d, d));
            maxNormSquared = Math.Max(maxNormSquared, TensorPrimitives.Max<float>(norms.AsSpan(0, count)));
            for (int qs = 0; qs < np; qs += queryBlock)
            {
                int qc = Math.Min(queryBlock, np - qs);
                int ld = Math.Max(d, 1); // BLAS wants leading dimensions ≥ 1 even for 0-dimensional vectors
                Gemm.Sgemm(Transpose.No, Transpose.Yes, qc, count, d, 1f, q.AsSpan(qs * d, qc * d), ld, block, ld, 0f, products, count);
                int blockStart = start, blockCount = count, queryStart = qs;
                Parallel.For(0, qc, parallel, i =>
                    Select(products.AsSpan(i * blockCount, blockCount), norms.AsSpan(0, blockCount), heaps[queryStart + i], blockStart));
            }
            progress.Report("exact k-NN", start + count, nb);
        }
        return (heaps, maxNormSquared);
    }

    /// <summary>Offers base rows idBase.. to <paramref name="heap"/> with approximate distance ‖y‖² − 2x·y.</summary>
    private static void Select(ReadOnlySpan<float> dots, ReadOnlySpan<float> norms, CandidateHeap heap, int idBase)
    {
        float threshold = heap.Threshold;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(threshold);
            for (; j + 8 <= dots.Length; j += 8)
            {
                var approx = Vector256.Create(norms.Slice(j, 8)) - Vector256.Create(dots.Slice(j, 8)) * 2f;
                uint below = Vector256.LessThan(approx, limit).ExtractMostSignificantBits();
                if (below == 0) continue;
                for (; below != 0; below &= below - 1)
                {
                    int lane = BitOperations.TrailingZeroCount(below);
                    float value = approx.GetElement(lane);
                    if (value < threshold)
                    {
                        heap.Push(value, idBase + j + lane);
                        threshold = heap.Threshold;
                    }
                }
                limit = Vector256.Create(threshold);
            }
        }
        for (; j < dots.Length; j++)
        {
            float value = norms[j] - dots[j] * 2f;
            if (value < threshold)
            {
                heap.Push(value, idBase + j);
                threshold = heap.Threshold;
            }
        }
    }
}
