namespace Sigah.Core.Blas;

/// <summary>
/// The one dense matrix-product entry point of Sigah: row-major C = alpha·op(A)·op(B) + beta·C through
/// OpenBLAS when it loads, otherwise through the managed SIMD fallback.
/// </summary>
internal static class Gemm
{
    private static BlasProvider? _forced;
    private static int _threads = Environment.ProcessorCount;

    /// <summary>The implementation in use: OpenBLAS when available, unless <see cref="Force"/> chose another.</summary>
    public static BlasProvider Provider =>
        _forced ?? (OpenBlasNative.IsAvailable ? BlasProvider.OpenBlas : BlasProvider.Managed);

    /// <summary>True when OpenBLAS can be loaded in this process.</summary>
    public static bool OpenBlasAvailable => OpenBlasNative.IsAvailable;

    /// <summary>
    /// The kernel family OpenBLAS runs on this CPU (OpenBLAS's name, e.g. <c>SkylakeX</c> or <c>Haswell</c>), or null
    /// when OpenBLAS cannot be loaded. Results of the same product can differ in their last bits between families.
    /// </summary>
    public static string? OpenBlasKernel => OpenBlasNative.IsAvailable ? OpenBlasNative.CoreName : null;

    /// <summary>Threads used by the product (default: all processors).</summary>
    public static int Threads
    {
        get => _threads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _threads = value;
            if (OpenBlasNative.IsAvailable) OpenBlasNative.SetNumThreads(value);
        }
    }

    /// <summary>Forces a provider (tests compare both); <c>null</c> restores the automatic choice.</summary>
    public static void Force(BlasProvider? provider)
    {
        if (provider == BlasProvider.OpenBlas && !OpenBlasNative.IsAvailable)
            throw new InvalidOperationException($"{OpenBlasNative.Library} cannot be loaded");
        _forced = provider;
    }

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C, all row-major. op(A) is m × k, op(B) is k × n, C is m × n.
    /// Buffer sizes: A holds (transA == No ? m rows of lda ≥ k : k rows of lda ≥ m) values, B likewise
    /// (transB == No ? k rows of ldb ≥ n : n rows of ldb ≥ k), C holds m rows of ldc ≥ n.
    /// </summary>
    public static void Sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Check(transA, m, k, a, lda, nameof(a), nameof(lda));
        Check(transB, k, n, b, ldb, nameof(b), nameof(ldb));
        if (ldc < Math.Max(1, n)) throw new ArgumentOutOfRangeException(nameof(ldc), ldc, "ldc must be at least n");
        if (m > 0 && c.Length < (long)(m - 1) * ldc + n) throw new ArgumentException("c is too small for m rows", nameof(c));
        if (m == 0 || n == 0) return;
        if (Provider == BlasProvider.OpenBlas)
            OpenBlasNative.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            ManagedGemm.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Convenience for dense operands: C (m × n) = alpha·op(A)·op(B) + beta·C with leading dimensions implied.</summary>
    public static void Sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        Sgemm(transA, transB, m, n, k, alpha, a, transA == Transpose.No ? k : m, b, transB == Transpose.No ? n : k, beta, c, n);

    private static void Check(Transpose trans, int rows, int cols, ReadOnlySpan<float> x, int ld, string name, string ldName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        int storedRows = trans == Transpose.No ? rows : cols, storedCols = trans == Transpose.No ? cols : rows;
        if (ld < Math.Max(1, storedCols)) throw new ArgumentOutOfRangeException(ldName, ld, $"{ldName} must be at least {storedCols}");
        if (storedRows > 0 && storedCols > 0 && x.Length < (long)(storedRows - 1) * ld + storedCols)
            throw new ArgumentException($"{name} is too small: {x.Length} values for {storedRows} rows of stride {ld}", name);
    }
}
