namespace Sigah.Core.Blas;

/// <summary>
/// Dense eigen- and singular-value decompositions from the LAPACK inside OpenBLAS (<c>dsyevd</c>, <c>dgesdd</c>),
/// in double precision, over row-major buffers. Sigah has no managed fallback for these: a hand-rolled
/// eigensolver would be slower and less trustworthy than LAPACK, and a second numerical path would give
/// different model bytes on machines with and without OpenBLAS. Without the library the methods throw a
/// <see cref="UserInputException"/> saying what to install.
/// </summary>
internal static unsafe class Lapack
{
    // LAPACK's kernels peel loops to the alignment of their arrays, so the same input in differently aligned managed
    // arrays can round differently (measured: dsyevd on 784 × 784 gave different eigenvalues in the last bits from run
    // to run). Every buffer LAPACK sees is therefore 64-byte aligned native memory, and the results are reproducible.
    /// <summary>True when the LAPACK routines can be called in this process.</summary>
    public static bool IsAvailable => OpenBlasNative.IsAvailable;

    /// <summary>
    /// Eigendecomposition of the symmetric <paramref name="n"/> × <paramref name="n"/> matrix <paramref name="a"/>
    /// (row-major, n·n values; only its lower triangle is read). <paramref name="eigenvalues"/> (n values) receives the
    /// eigenvalues in descending order; <paramref name="eigenvectors"/> (n·n values, row-major) receives in row j the
    /// unit eigenvector of eigenvalue j. Each eigenvector's sign is as LAPACK returns it.
    /// </summary>
    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        long size = (long)n * n;
        if (a.Length < size) throw new ArgumentException($"a holds {a.Length} values, expected {size}", nameof(a));
        if (eigenvalues.Length < n) throw new ArgumentException($"eigenvalues holds {eigenvalues.Length} values, expected {n}", nameof(eigenvalues));
        if (eigenvectors.Length < size) throw new ArgumentException($"eigenvectors holds {eigenvectors.Length} values, expected {size}", nameof(eigenvectors));
        EnsureAvailable();

        // A symmetric matrix reads the same in both layouts; on exit column j of the column-major result
        // (= row j of the row-major buffer) is the eigenvector of the j-th smallest eigenvalue.
        using var pa = new AlignedBuffer<double>(size);
        using var pw = new AlignedBuffer<double>(n);
        a[..(int)size].CopyTo(pa.Span);
        byte jobz = (byte)'V', uplo = (byte)'U'; // row-major lower triangle = column-major upper triangle
        int lda = n, info, lwork = -1, liwork = -1, iworkSize;
        double workSize;
        LapackNative.Dsyevd(&jobz, &uplo, &n, pa.Pointer, &lda, pw.Pointer, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1);
        Check(info, "dsyevd");
        lwork = (int)workSize;
        liwork = iworkSize;
        using (var work = new AlignedBuffer<double>(lwork))
        using (var iwork = new AlignedBuffer<int>(liwork))
            LapackNative.Dsyevd(&jobz, &uplo, &n, pa.Pointer, &lda, pw.Pointer, work.Pointer, &lwork, iwork.Pointer, &liwork, &info, 1, 1);
        Check(info, "dsyevd");
        pa.Span.CopyTo(eigenvectors);
        var ascending = pw.Span;

        // Reverse to descending order: swap rows j and n-1-j.
        var temp = new double[n];
        for (int j = 0, k = n - 1; j < k; j++, k--)
        {
            var rowJ = eigenvectors.Slice(j * n, n);
            var rowK = eigenvectors.Slice(k * n, n);
            rowJ.CopyTo(temp);
            rowK.CopyTo(rowJ);
            temp.CopyTo(rowK);
        }
        for (int j = 0; j < n; j++) eigenvalues[j] = ascending[n - 1 - j];
    }

    /// <summary>
    /// Thin singular-value decomposition A = U·diag(S)·Vᵀ of the <paramref name="rows"/> × <paramref name="cols"/>
    /// row-major matrix <paramref name="a"/> (rows·cols values), with k = min(rows, cols):
    /// <paramref name="u"/> receives U (rows × k, row-major), <paramref name="singularValues"/> the k singular values in
    /// descending order, <paramref name="vt"/> Vᵀ (k × cols, row-major).
    /// </summary>
    public static void Svd(ReadOnlySpan<double> a, int rows, int cols, Span<double> u, Span<double> singularValues, Span<double> vt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        int k = Math.Min(rows, cols);
        long size = (long)rows * cols;
        if (a.Length < size) throw new ArgumentException($"a holds {a.Length} values, expected {size}", nameof(a));
        if (u.Length < (long)rows * k) throw new ArgumentException($"u holds {u.Length} values, expected {(long)rows * k}", nameof(u));
        if (singularValues.Length < k) throw new ArgumentException($"singularValues holds {singularValues.Length} values, expected {k}", nameof(singularValues));
        if (vt.Length < (long)k * cols) throw new ArgumentException($"vt holds {vt.Length} values, expected {(long)k * cols}", nameof(vt));
        EnsureAvailable();

        // The row-major A is the column-major Aᵀ (cols × rows). LAPACK factors Aᵀ = U'·S·V'ᵀ, so A = V'·S·U'ᵀ:
        // its column-major U' (cols × k) read row-major is Vᵀ of A, and its column-major V'ᵀ (k × rows) read
        // row-major is U of A. So LAPACK's "u" output goes to vt and its "vt" output goes to u.
        using var pa = new AlignedBuffer<double>(size);
        using var ps = new AlignedBuffer<double>(k);
        using var pu = new AlignedBuffer<double>((long)cols * k);
        using var pvt = new AlignedBuffer<double>((long)k * rows);
        using var iwork = new AlignedBuffer<int>(8L * k);
        a[..(int)size].CopyTo(pa.Span);
        byte jobz = (byte)'S';
        int m = cols, n = rows, lda = cols, ldu = cols, ldvt = k, info, lwork = -1;
        double workSize;
        LapackNative.Dgesdd(&jobz, &m, &n, pa.Pointer, &lda, ps.Pointer, pu.Pointer, &ldu, pvt.Pointer, &ldvt, &workSize, &lwork, iwork.Pointer, &info, 1);
        Check(info, "dgesdd");
        lwork = (int)workSize;
        using (var work = new AlignedBuffer<double>(lwork))
            LapackNative.Dgesdd(&jobz, &m, &n, pa.Pointer, &lda, ps.Pointer, pu.Pointer, &ldu, pvt.Pointer, &ldvt, work.Pointer, &lwork, iwork.Pointer, &info, 1);
        Check(info, "dgesdd");
        ps.Span.CopyTo(singularValues);
        pu.Span.CopyTo(vt);
        pvt.Span.CopyTo(u);
    }

    private static void EnsureAvailable()
    {
        if (!OpenBlasNative.IsAvailable)
            throw new UserInputException(
                $"this method needs LAPACK from {OpenBlasNative.Library}: apt-get install libopenblas0-pthread");
    }

    private static void Check(int info, string routine)
    {
        if (info < 0) throw new InvalidOperationException($"{routine}: argument {-info} had an illegal value");
        if (info > 0) throw new InvalidOperationException($"{routine} did not converge (info {info}); is the input finite?");
    }

    /// <summary>A 64-byte aligned native array of <see cref="Length"/> values, freed on dispose.</summary>
    private sealed class AlignedBuffer<T> : IDisposable where T : unmanaged
    {
        public AlignedBuffer(long length)
        {
            Length = length;
            Pointer = (T*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(Math.Max(1, length) * sizeof(T)), 64);
        }

        public T* Pointer { get; }

        public long Length { get; }

        public Span<T> Span => new(Pointer, checked((int)Length));

        public void Dispose() => System.Runtime.InteropServices.NativeMemory.AlignedFree(Pointer);
    }
}
