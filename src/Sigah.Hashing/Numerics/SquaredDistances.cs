using System.Numerics.Tensors;
using Sigah.Core.Blas;

namespace Sigah.Hashing.Numerics;

/// <summary>
/// Squared Euclidean distances between a block of rows and a set of points through one GEMM:
/// ‖x‖² + ‖p‖² − 2·x·p, clamped at 0 (the expansion can go slightly negative in float32).
/// </summary>
internal static class SquaredDistances
{
    /// <summary>
    /// <paramref name="norms"/>[i] = ‖row i‖² for the <c>norms.Length</c> rows of <paramref name="rows"/>
    /// (<c>norms.Length * dimension</c> values, row-major).
    /// </summary>
    public static void RowNorms(ReadOnlySpan<float> rows, int dimension, Span<float> norms)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length < (long)norms.Length * dimension)
            throw new ArgumentException($"rows holds {rows.Length} values, expected {norms.Length} x {dimension}", nameof(rows));
        for (int i = 0; i < norms.Length; i++) norms[i] = TensorPrimitives.SumOfSquares(rows.Slice(i * dimension, dimension));
    }

    /// <summary>
    /// Fills <paramref name="distances"/> (<paramref name="count"/> × k, row-major) with the squared distance from
    /// each of the <paramref name="count"/> rows of <paramref name="rows"/> (count × dimension) to each of the k
    /// points of <paramref name="points"/> (k × dimension), where k = <c>pointNorms.Length</c> and
    /// <paramref name="pointNorms"/> holds their squared norms (see <see cref="RowNorms"/>).
    /// </summary>
    public static void Compute(ReadOnlySpan<float> rows, int count, ReadOnlySpan<float> points, ReadOnlySpan<float> pointNorms,
        int dimension, Span<float> distances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int k = pointNorms.Length;
        if (distances.Length < (long)count * k)
            throw new ArgumentException($"distances holds {distances.Length} values, expected {count} x {k}", nameof(distances));
        if (count == 0 || k == 0) return;
        Gemm.Sgemm(Transpose.No, Transpose.Yes, count, k, dimension, -2f, rows, points, 0f, distances);
        for (int i = 0; i < count; i++)
        {
            var row = distances.Slice(i * k, k);
            float rowNorm = TensorPrimitives.SumOfSquares(rows.Slice(i * dimension, dimension));
            TensorPrimitives.Add(row, pointNorms, row);
            TensorPrimitives.Add(row, rowNorm, row);
            TensorPrimitives.Max(row, 0f, row);
        }
    }
}
