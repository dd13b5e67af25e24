using System.Runtime.InteropServices;

namespace Sigah.Core.Blas;

/// <summary>
/// The LAPACK routines of <c>libopenblas.so.0</c> that <see cref="Lapack"/> wraps. They are Fortran: every
/// argument goes by pointer, matrices are column-major, and each CHARACTER argument has a hidden length
/// argument (gfortran ABI) appended after the visible ones.
/// </summary>
internal static unsafe partial class LapackNative
{
    [LibraryImport(OpenBlasNative.Library, EntryPoint = "dsyevd_")]
    internal static partial void Dsyevd(byte* jobz, byte* uplo, int* n, double* a, int* lda, double* w,
        double* work, int* lwork, int* iwork, int* liwork, int* info, nuint jobzLength, nuint uploLength);

    [LibraryImport(OpenBlasNative.Library, EntryPoint = "dgesdd_")]
    internal static partial void Dgesdd(byte* jobz, int* m, int* n, double* a, int* lda, double* s,
        double* u, int* ldu, double* vt, int* ldvt, double* work, int* lwork, int* iwork, int* info, nuint jobzLength);
}
