using Sigah.Core.Blas;
using Sigah.Core.Data;

namespace Sigah.Core.Knn;

/// <summary>
/// Exact Euclidean k nearest neighbours by brute force: ‖y‖² − 2x·y through sgemm over blocks of queries and
/// base rows (never an nq × nb matrix), a bounded sorted list per query, and the kept candidates' distances
/// recomputed exactly in double so float rounding of the expansion cannot reorder them. Ties by the smaller id.
/// </summary>
public static class ExactKnn
{
    private const int QueryBlock = 128;
    private const int BaseBlock = 4096;

    /// <summary>
    /// The <paramref name="k"/> nearest rows of <paramref name="baseVectors"/> for every row of
    /// <paramref name="queries"/> (same dimension). <paramref name="threads"/> ≤ 0 uses every processor.
    /// </summary>
    public static KnnResult Search(FloatMatrix baseVectors, FloatMatrix queries, int k, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (baseVectors.Cols != queries.Cols)
            throw new ArgumentException($"queries have dimension {queries.Cols}, the base {baseVectors.Cols}", nameof(queries));
        int d = baseVectors.Cols, nb = baseVectors.Rows, nq = queries.Rows;
        var ids = new long[(long)nq * k];
        var distances = new float[(long)nq * k];
        Array.Fill(ids, -1L);
        Array.Fill(distances, float.PositiveInfinity);
        var baseNorms = new float[nb];
        for (int i = 0; i < nb; i++) baseNorms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(baseVectors.Row(i), baseVectors.Row(i));

        int blocks = (nq + QueryBlock - 1) / QueryBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, blocks, options, block =>
        {
            int q0 = block * QueryBlock, qn = Math.Min(QueryBlock, nq - q0);
            var products = new float[qn * BaseBlock];
            var keys = new double[qn * k];
            Array.Fill(keys, double.PositiveInfinity);
            var kept = ids.AsSpan(q0 * k, qn * k);
            for (int b0 = 0; b0 < nb; b0 += BaseBlock)
            {
                int bn = Math.Min(BaseBlock, nb - b0);
                Gemm.Sgemm(Transpose.No, Transpose.Yes, qn, bn, d, 1f, queries.RowBlock(q0, qn), d,
                    baseVectors.RowBlock(b0, bn), d, 0f, products, bn);
                for (int q = 0; q < qn; q++)
                {
                    var row = products.AsSpan(q * bn, bn);
                    var qKeys = keys.AsSpan(q * k, k);
                    var qIds = kept.Slice(q * k, k);
                    for (int j = 0; j < bn; j++)
                    {
                        double key = baseNorms[b0 + j] - 2.0 * row[j];
                        if (key < qKeys[k - 1]) Insert(qKeys, qIds, key, b0 + j);
                    }
                }
            }
            for (int q = 0; q < qn; q++)
                Refine(queries.Row(q0 + q), baseVectors, kept.Slice(q * k, k), distances.AsSpan((q0 + q) * k, k));
        });
        return new KnnResult(nq, k, ids, distances);
    }

    /// <summary>Inserts (key, id) into the ascending list, dropping the last entry; equal keys keep the earlier (smaller) id first.</summary>
    private static void Insert(Span<double> keys, Span<long> ids, double key, long id)
    {
        int i = keys.Length - 1;
        while (i > 0 && keys[i - 1] > key)
        {
            keys[i] = keys[i - 1];
            ids[i] = ids[i - 1];
            i--;
        }
        keys[i] = key;
        ids[i] = id;
    }

    /// <summary>Recomputes the kept candidates' squared distances in double and re-sorts them by (distance, id).</summary>
    private static void Refine(ReadOnlySpan<float> query, FloatMatrix baseVectors, Span<long> ids, Span<float> distances)
    {
        int count = 0;
        while (count < ids.Length && ids[count] >= 0) count++;
        var exact = new (double Distance, long Id)[count];
        for (int i = 0; i < count; i++)
        {
            var row = baseVectors.Row((int)ids[i]);
            double sum = 0;
            for (int c = 0; c < row.Length; c++)
            {
                double diff = (double)query[c] - row[c];
                sum += diff * diff;
            }
            exact[i] = (sum, ids[i]);
        }
        Array.Sort(exact);
        for (int i = 0; i < count; i++)
        {
            ids[i] = exact[i].Id;
            distances[i] = (float)exact[i].Distance;
        }
    }
}
