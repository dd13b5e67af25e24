using System.Runtime.Intrinsics.X86;
using Sigah.Core.Blas;

namespace Sigah.Core.Tests.Blas;

[CollectionDefinition(nameof(GemmProviderCollection), DisableParallelization = true)]
public sealed class GemmProviderCollection;

/// <summary>Both providers against a naive double-precision triple loop, for every transpose and odd sizes.</summary>
[Collection(nameof(GemmProviderCollection))]
public class GemmTests
{
    // By name: the providers and transposes are internal, and xunit's theory methods public.
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { nameof(BlasProvider.Managed), nameof(BlasProvider.OpenBlas) })
            foreach (var ta in new[] { nameof(Transpose.No), nameof(Transpose.Yes) })
                foreach (var tb in new[] { nameof(Transpose.No), nameof(Transpose.Yes) })
                    data.Add(provider, ta, tb);
        return data;
    }

    [Fact]
    public void OpenBlas_runs_the_kernel_family_the_instruction_sets_allow()
    {
        // Without Sigah naming it, OpenBLAS 0.3.21 runs its SSE3 Prescott kernels on CPUs newer than its model table.
        var preset = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        string expected = !string.IsNullOrEmpty(preset) ? preset
            : Avx512F.IsSupported && Avx512F.VL.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported ? "SkylakeX"
            : Avx2.IsSupported && Fma.IsSupported ? "Haswell"
            : Gemm.OpenBlasKernel!;
        Assert.Equal(expected, Gemm.OpenBlasKernel, ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_a_naive_triple_loop(string providerName, string transposeA, string transposeB)
    {
        var (provider, ta, tb) = (Enum.Parse<BlasProvider>(providerName), Enum.Parse<Transpose>(transposeA), Enum.Parse<Transpose>(transposeB));
        Assert.True(Gemm.OpenBlasAvailable, "libopenblas.so.0 must be installed for the provider comparison");
        var rng = new Random(3);
        Gemm.Force(provider);
        try
        {
            foreach (var (m, n, k) in new[] { (1, 1, 1), (3, 5, 7), (17, 1, 33), (65, 31, 97), (2, 130, 1) })
            {
                // Leading dimensions one larger than needed, to exercise strides.
                int lda = (ta == Transpose.No ? k : m) + 1, ldb = (tb == Transpose.No ? n : k) + 1, ldc = n + 2;
                var a = Random(rng, (ta == Transpose.No ? m : k) * lda);
                var b = Random(rng, (tb == Transpose.No ? k : n) * ldb);
                var c = Random(rng, m * ldc);
                var expected = new double[m * n];
                var tolerance = new double[m * n];
                const float alpha = 0.75f, beta = -0.5f;
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double sum = 0, magnitude = 0;
                        for (int p = 0; p < k; p++)
                        {
                            double x = ta == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                            double y = tb == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                            sum += x * y;
                            magnitude += Math.Abs(x * y);
                        }
                        expected[i * n + j] = alpha * sum + beta * c[i * ldc + j];
                        // Float rounding of k products and sums, relative to the magnitudes involved.
                        tolerance[i * n + j] = (k + 2) * Math.Pow(2, -23) * (Math.Abs(alpha) * magnitude + Math.Abs(beta * c[i * ldc + j]));
                    }
                var actual = (float[])c.Clone();
                Gemm.Sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < ldc; j++)
                    {
                        if (j >= n) Assert.Equal(c[i * ldc + j], actual[i * ldc + j]);
                        else Assert.Equal(expected[i * n + j], actual[i * ldc + j], tolerance[i * n + j]);
                    }
            }
        }
        finally
        {
            Gemm.Force(null);
        }
    }

    [Fact]
    public void Providers_agree_on_a_large_product()
    {
        var rng = new Random(8);
        int m = 70, n = 513, k = 300;
        var a = Random(rng, m * k);
        var b = Random(rng, n * k);
        var managed = new float[m * n];
        var openBlas = new float[m * n];
        try
        {
            Gemm.Force(BlasProvider.Managed);
            Gemm.Sgemm(Transpose.No, Transpose.Yes, m, n, k, 1f, a, b, 0f, managed);
            Gemm.Force(BlasProvider.OpenBlas);
            Gemm.Sgemm(Transpose.No, Transpose.Yes, m, n, k, 1f, a, b, 0f, openBlas);
        }
        finally
        {
            Gemm.Force(null);
        }
        for (int i = 0; i < managed.Length; i++) Assert.Equal(managed[i], openBlas[i], 1e-4f);
    }

    [Theory]
    [InlineData(nameof(BlasProvider.Managed))]
    [InlineData(nameof(BlasProvider.OpenBlas))]
    public void Exact_knn_is_exact_with_either_provider(string providerName)
    {
        var provider = Enum.Parse<BlasProvider>(providerName);
        var rng = new Random(21);
        var b = Knn.ExactKnnTests.RandomMatrix(rng, 1500, 33, integers: false);
        var q = Knn.ExactKnnTests.RandomMatrix(rng, 7, 33, integers: false);
        Gemm.Force(provider);
        try
        {
            Knn.ExactKnnTests.AssertMatchesReference(b, q, 20, Core.Knn.ExactKnn.Search(b, q, 20));
        }
        finally
        {
            Gemm.Force(null);
        }
    }

    private static float[] Random(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
}
