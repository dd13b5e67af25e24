using System.Numerics.Tensors;
using Sigah.Core.Data;

namespace Sigah.Hashing.Numerics;

/// <summary>
/// Lloyd's k-means over the rows of a matrix, started from distinct random rows. A cluster that loses all its
/// rows keeps its previous centre, so exactly k centres always come back.
/// </summary>
internal static class KMeans
{
    private const int BlockRows = 2048;

    /// <summary>
    /// Runs at most <paramref name="iterations"/> assignment/update rounds (fewer when assignments stop changing)
    /// and returns the k × d centres, row-major. Needs 1 ≤ <paramref name="k"/> ≤ rows.
    /// </summary>
    public static float[] Fit(FloatMatrix data, int k, int iterations, Random random, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, data.Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        int d = data.Cols;
        var centres = new float[k * d];
        var starts = RowSampling.Distinct(data.Rows, k, random);
        for (int c = 0; c < k; c++) data.Row(starts[c]).CopyTo(centres.AsSpan(c * d, d));

        var assignment = new int[data.Rows];
        Array.Fill(assignment, -1);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!Assign(data, centres, k, assignment)) break;
            Update(data, assignment, centres, k);
        }
        return centres;
    }

    /// <summary>
    /// Sets <paramref name="assignment"/>[i] (length rows) to the index of the centre nearest to row i, ties to the
    /// smaller index; <paramref name="centres"/> holds k × d values. Returns whether any entry changed.
    /// </summary>
    public static bool Assign(FloatMatrix data, ReadOnlySpan<float> centres, int k, Span<int> assignment)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = data.Cols;
        if (centres.Length != k * d) throw new ArgumentException($"centres holds {centres.Length} values, expected {k} x {d}", nameof(centres));
        if (assignment.Length != data.Rows) throw new ArgumentException($"assignment holds {assignment.Length}, expected {data.Rows}", nameof(assignment));
        var norms = new float[k];
        SquaredDistances.RowNorms(centres, d, norms);
        var distances = new float[BlockRows * k];
        bool changed = false;
        for (int start = 0; start < data.Rows; start += BlockRows)
        {
            int count = Math.Min(BlockRows, data.Rows - start);
            SquaredDistances.Compute(data.RowBlock(start, count), count, centres, norms, d, distances);
            for (int i = 0; i < count; i++)
            {
                int nearest = TensorPrimitives.IndexOfMin(distances.AsSpan(i * k, k));
                if (assignment[start + i] != nearest)
                {
                    assignment[start + i] = nearest;
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static void Update(FloatMatrix data, ReadOnlySpan<int> assignment, Span<float> centres, int k)
    {
        int d = data.Cols;
        var sums = new double[k * d];
        var sizes = new int[k];
        for (int i = 0; i < data.Rows; i++)
        {
            int c = assignment[i];
            sizes[c]++;
            var row = data.Row(i);
            var sum = sums.AsSpan(c * d, d);
            for (int j = 0; j < d; j++) sum[j] += row[j];
        }
        for (int c = 0; c < k; c++)
        {
            if (sizes[c] == 0) continue;
            for (int j = 0; j < d; j++) centres[c * d + j] = (float)(sums[c * d + j] / sizes[c]);
        }
    }
}
