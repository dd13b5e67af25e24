namespace Sigah.Core.Blas;

/// <summary>Which implementation <see cref="Gemm"/> uses.</summary>
internal enum BlasProvider
{
    /// <summary>OpenBLAS (<c>libopenblas.so.0</c>, Debian <c>libopenblas0-pthread</c>) through P/Invoke.</summary>
    OpenBlas,
    /// <summary>The managed SIMD fallback, used when OpenBLAS cannot be loaded.</summary>
    Managed,
}
