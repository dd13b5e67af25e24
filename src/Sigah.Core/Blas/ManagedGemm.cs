using System.Numerics.Tensors;

namespace Sigah.Core.Blas;

/// <summary>
/// The managed SGEMM used when OpenBLAS is missing: operands are first brought to row-major "No" form,
/// then each output row is accumulated as a sum of scaled rows of B (<see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>
/// is the SIMD kernel), rows in parallel. Slower than OpenBLAS but exact to float rounding.
/// </summary>
internal static class ManagedGemm
{
    internal static void Sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        float[] aRows = Materialise(transA, a, lda, m, k);
        float[] bRows = Materialise(transB, b, ldb, k, n);
        float[] cCopy = new float[(long)m * n];
        for (int i = 0; i < m; i++) c.Slice(i * ldc, n).CopyTo(cCopy.AsSpan(i * n, n));

        Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = Gemm.Threads }, i =>
        {
            var row = cCopy.AsSpan(i * n, n);
            if (beta == 0f) row.Clear(); else if (beta != 1f) TensorPrimitives.Multiply(row, beta, row);
            var ai = aRows.AsSpan(i * k, k);
            for (int p = 0; p < k; p++)
            {
                float s = alpha * ai[p];
                if (s != 0f) TensorPrimitives.MultiplyAdd(bRows.AsSpan(p * n, n), s, row, row);
            }
        });
        for (int i = 0; i < m; i++) cCopy.AsSpan(i * n, n).CopyTo(c.Slice(i * ldc, n));
    }

    /// <summary>Copies op(X) (rows × cols) into a dense row-major array.</summary>
    private static float[] Materialise(Transpose trans, ReadOnlySpan<float> x, int ld, int rows, int cols)
    {
        var result = new float[(long)rows * cols];
        for (int r = 0; r < rows; r++)
            for (int col = 0; col < cols; col++)
                result[r * cols + col] = trans == Transpose.No ? x[r * ld + col] : x[col * ld + r];
        return result;
    }
}
