using Sigah.Core.Blas;

namespace Sigah.Core.Tests.Blas;

public class LapackTests
{
    private static double[] RandomMatrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var a = new double[rows * cols];
        for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() * 2 - 1;
        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    public void SymmetricEigen_reconstructs_the_matrix_with_orthonormal_vectors_in_descending_order(int n)
    {
        var x = RandomMatrix(n, n, n);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = x[i * n + j] + x[j * n + i];
        var values = new double[n];
        var vectors = new double[n * n];

        Lapack.SymmetricEigen(a, n, values, vectors);

        for (int j = 1; j < n; j++) Assert.True(values[j - 1] >= values[j]);
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
            {
                double dot = 0, reconstructed = 0;
                for (int i = 0; i < n; i++) dot += vectors[p * n + i] * vectors[q * n + i];
                for (int k = 0; k < n; k++) reconstructed += vectors[k * n + p] * values[k] * vectors[k * n + q];
                Assert.Equal(p == q ? 1.0 : 0.0, dot, 1e-10);
                Assert.Equal(a[p * n + q], reconstructed, 1e-10);
            }
    }

    [Fact]
    public void SymmetricEigen_reads_only_the_lower_triangle()
    {
        // [[2, junk], [1, 2]] is read as [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvector (1, 1)/√2 first.
        double[] a = [2, 99, 1, 2];
        var values = new double[2];
        var vectors = new double[4];
        Lapack.SymmetricEigen(a, 2, values, vectors);
        Assert.Equal(3.0, values[0], 1e-12);
        Assert.Equal(1.0, values[1], 1e-12);
        Assert.Equal(Math.Abs(vectors[0]), Math.Sqrt(0.5), 1e-12);
        Assert.Equal(vectors[0], vectors[1], 1e-12);
    }

    [Theory]
    [InlineData(6, 6)]
    [InlineData(9, 4)]
    [InlineData(3, 7)]
    public void Svd_reconstructs_the_matrix_with_orthonormal_factors(int rows, int cols)
    {
        var a = RandomMatrix(rows, cols, rows * 31 + cols);
        int k = Math.Min(rows, cols);
        var u = new double[rows * k];
        var s = new double[k];
        var vt = new double[k * cols];

        Lapack.Svd(a, rows, cols, u, s, vt);

        for (int j = 1; j < k; j++) Assert.True(s[j - 1] >= s[j] && s[j] >= 0);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += u[i * k + p] * s[p] * vt[p * cols + j];
                Assert.Equal(a[i * cols + j], sum, 1e-10);
            }
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
            {
                double uu = 0, vv = 0;
                for (int i = 0; i < rows; i++) uu += u[i * k + p] * u[i * k + q];
                for (int j = 0; j < cols; j++) vv += vt[p * cols + j] * vt[q * cols + j];
                Assert.Equal(p == q ? 1.0 : 0.0, uu, 1e-10);
                Assert.Equal(p == q ? 1.0 : 0.0, vv, 1e-10);
            }
    }

    [Fact]
    public void Svd_of_a_diagonal_matrix_gives_its_sorted_absolute_diagonal()
    {
        double[] a = [1, 0, 0, 0, -5, 0, 0, 0, 3];
        var s = new double[3];
        Lapack.Svd(a, 3, 3, new double[9], s, new double[9]);
        Assert.Equal([5.0, 3.0, 1.0], s);
    }

    [Fact]
    public void Both_decompositions_give_the_same_bits_whatever_the_alignment_of_the_callers_arrays()
    {
        // Before the aligned buffers, dsyevd on such a matrix changed its last bits from call to call.
        const int n = 300;
        var a = RandomMatrix(n, n, 11);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
        double[]? firstValues = null, firstVectors = null, firstSingular = null, firstU = null;
        for (int offset = 0; offset < 8; offset++)
        {
            // Slices at every double offset of a fresh array put the caller's buffers at every alignment.
            var input = new double[n * n + offset];
            a.CopyTo(input, offset);
            var values = new double[n + offset];
            var vectors = new double[n * n + offset];
            Lapack.SymmetricEigen(input.AsSpan(offset), n, values.AsSpan(offset), vectors.AsSpan(offset));
            var singular = new double[n + offset];
            var u = new double[n * n + offset];
            Lapack.Svd(input.AsSpan(offset), n, n, u.AsSpan(offset), singular.AsSpan(offset), new double[n * n]);
            firstValues ??= values[offset..];
            firstVectors ??= vectors[offset..];
            firstSingular ??= singular[offset..];
            firstU ??= u[offset..];
            Assert.Equal(firstValues, values[offset..]);
            Assert.Equal(firstVectors, vectors[offset..]);
            Assert.Equal(firstSingular, singular[offset..]);
            Assert.Equal(firstU, u[offset..]);
        }
    }
}
