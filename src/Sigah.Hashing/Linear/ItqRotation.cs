using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing;

/// <summary>The rotation-learning loop of ITQ, over the principal coordinates V of the training data.</summary>
internal static class ItqRotation
{
    /// <summary>Rows per block: V·R and BᵀV are computed block by block so each block of V is read from cache twice.</summary>
    private const int BlockRows = 8192;

    /// <summary>
    /// Learns the m × m orthogonal R (row-major) from V (<paramref name="n"/> × <paramref name="m"/> row-major):
    /// R₀ = U of the SVD of an m × m Gaussian matrix drawn from <paramref name="random"/>; then
    /// <paramref name="iterations"/> times: B = sign(V·R) (+1 where ≥ 0), C = BᵀV = U_B·Σ·U_Aᵀ, R = U_A·U_Bᵀ.
    /// </summary>
    internal static float[] Learn(float[] v, int n, int m, int iterations, Random random, TrainingContext context)
    {
        var rotation = RandomOrthogonal(m, random);
        var signs = new float[(long)Math.Min(BlockRows, n) * m];
        var ones = new float[signs.Length];
        ones.AsSpan().Fill(1f);
        var correlation = new float[m * m];
        var correlationDouble = new double[m * m];
        var u = new double[m * m];
        var s = new double[m];
        var vt = new double[m * m];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var r = ToFloat(rotation);
            for (int start = 0; start < n; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, n - start);
                var block = v.AsSpan(start * m, rows * m);
                var b = signs.AsSpan(0, rows * m);
                Gemm.Sgemm(Transpose.No, Transpose.No, rows, m, m, 1f, block, m, r, m, 0f, b, m);
                // CopySign(1, z) is +1 for z ≥ +0 and −1 below: the reference code's B(Z ≥ 0) = 1.
                TensorPrimitives.CopySign(ones.AsSpan(0, rows * m), b, b);
                Gemm.Sgemm(Transpose.Yes, Transpose.No, m, m, rows, 1f, b, m, block, m, start == 0 ? 0f : 1f, correlation, m);
            }
            for (int i = 0; i < correlation.Length; i++) correlationDouble[i] = correlation[i];
            Lapack.Svd(correlationDouble, m, m, u, s, vt);
            // R = U_A·U_Bᵀ with U_B = u and U_A = vtᵀ: R[i, j] = Σ_k vt[k, i]·u[j, k].
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < m; k++) sum += vt[k * m + i] * u[j * m + k];
                    rotation[i * m + j] = sum;
                }
            context.Progress.Report("itq: rotation", iteration + 1, iterations);
        }
        return ToFloat(rotation);
    }

    private static double[] RandomOrthogonal(int m, Random random)
    {
        var gaussian = new float[m * m];
        Initialization.FillNormal(gaussian, 1.0, random);
        var u = new double[m * m];
        Lapack.Svd(Array.ConvertAll(gaussian, x => (double)x), m, m, u, new double[m], new double[m * m]);
        return u;
    }

    private static float[] ToFloat(double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
