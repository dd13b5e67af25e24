namespace Sigah.Core.Blas;

/// <summary>
/// The Gram matrix AᵀA (a covariance without the scaling) at half the cost of a general product: OpenBLAS's
/// <c>ssyrk</c> computes only one triangle. Without OpenBLAS the managed <see cref="Gemm"/> computes the full product.
/// </summary>
internal static class SymmetricProduct
{
    /// <summary>
    /// C = AᵀA for the row-major <paramref name="k"/> × <paramref name="n"/> matrix A (k rows of stride
    /// <paramref name="lda"/> ≥ n in <paramref name="a"/>). On return the lower triangle (row ≥ column) of the
    /// n × n row-major <paramref name="c"/> (n rows of stride <paramref name="ldc"/> ≥ n) holds the result; the strict
    /// upper triangle is unspecified.
    /// </summary>
    public static void LowerAtA(int n, int k, ReadOnlySpan<float> a, int lda, Span<float> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (lda < Math.Max(1, n)) throw new ArgumentOutOfRangeException(nameof(lda), lda, "lda must be at least n");
        if (ldc < Math.Max(1, n)) throw new ArgumentOutOfRangeException(nameof(ldc), ldc, "ldc must be at least n");
        if (k > 0 && n > 0 && a.Length < (long)(k - 1) * lda + n) throw new ArgumentException($"a is too small for {k} rows of stride {lda}", nameof(a));
        if (n > 0 && c.Length < (long)(n - 1) * ldc + n) throw new ArgumentException($"c is too small for {n} rows of stride {ldc}", nameof(c));
        if (n == 0) return;
        if (Gemm.Provider == BlasProvider.OpenBlas)
            OpenBlasNative.Ssyrk(n, k, a, lda, c, ldc);
        else
            Gemm.Sgemm(Transpose.Yes, Transpose.No, n, n, k, 1f, a, lda, a, lda, 0f, c, ldc);
    }
}
