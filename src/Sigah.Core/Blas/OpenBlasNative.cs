using System.Runtime.InteropServices;

namespace Sigah.Core.Blas;

/// <summary>The OpenBLAS entry points Sigah uses, bound lazily so a missing library is not fatal.</summary>
internal static unsafe partial class OpenBlasNative
{
    internal const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, Lower = 122;

    private static readonly Lazy<bool> Loaded = new(() =>
    {
        OpenBlasCoreType.Apply();
        return NativeLibrary.TryLoad(Library, out _);
    });

    /// <summary>True when <c>libopenblas.so.0</c> can be loaded in this process.</summary>
    internal static bool IsAvailable => Loaded.Value;

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    private static partial void CblasSgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library, EntryPoint = "cblas_ssyrk")]
    private static partial void CblasSsyrk(int order, int uplo, int trans, int n, int k,
        float alpha, float* a, int lda, float beta, float* c, int ldc);

    [LibraryImport(Library, EntryPoint = "openblas_get_corename")]
    private static partial byte* GetCoreName();

    /// <summary>The kernel family OpenBLAS runs (its own name, e.g. <c>SkylakeX</c>); needs <see cref="IsAvailable"/>.</summary>
    internal static string CoreName => Marshal.PtrToStringUTF8((nint)GetCoreName()) ?? "";

    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    internal static partial void SetNumThreads(int threads);

    internal static void Sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
            CblasSgemm(RowMajor, (int)transA, (int)transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    /// <summary>Lower triangle of C (n × n) = AᵀA for the row-major k × n matrix A.</summary>
    internal static void Ssyrk(int n, int k, ReadOnlySpan<float> a, int lda, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pc = c)
            CblasSsyrk(RowMajor, Lower, (int)Transpose.Yes, n, k, 1f, pa, lda, 0f, pc, ldc);
    }
}
