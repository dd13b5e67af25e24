using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Linear;

/// <summary>The rotation-learning loop of ITQ, over the principal coordinates V of the training data.</summary>
internal static class ItqRotation
{
    /// <summary>
    /// Rows per block. Blocks run in parallel, each computing V·R, the signs and its own BᵀV with
    /// <see cref="ThinProduct"/> while the block is in cache; the blocks' BᵀV are then summed in block order in
    /// double, so the result does not depend on the number of threads.
    /// </summary>
    private const int BlockRows = 1024;

    /// <summary>
    /// Learns the m × m orthogonal R (row-major) from V (<paramref name="n"/> × <paramref name="m"/> row-major):
    /// R₀ = U of the SVD of an m × m Gaussian matrix drawn from <paramref name="random"/>; then
    /// <paramref name="iterations"/> times: B = sign(V·R) (+1 where ≥ 0), C = BᵀV = U_B·Σ·U_Aᵀ, R = U_A·U_Bᵀ.
    /// </summary>
    internal static float[] Learn(float[] v, int n, int m, int iterations, Random random, TrainingContext context)
    {
        var rotation = RandomOrthogonal(m, random);
        int blocks = (n + BlockRows - 1) / BlockRows;
        var ones = new float[BlockRows * m];
        ones.AsSpan().Fill(1f);
        var partial = new float[blocks][];
        for (int b = 0; b < blocks; b++) partial[b] = new float[m * m];
        var correlation = new double[m * m];
        var u = new double[m * m];
        var s = new double[m];
        var vt = new double[m * m];
        var parallel = new ParallelOptions { CancellationToken = context.Cancellation };
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var r = ToFloat(rotation);
            Parallel.For(0, blocks, parallel, () => new float[BlockRows * m], (block, _, signs) =>
            {
                int start = block * BlockRows, rows = Math.Min(BlockRows, n - start);
                var vBlock = v.AsSpan(start * m, rows * m);
                var bBlock = signs.AsSpan(0, rows * m);
                ThinProduct.Multiply(vBlock, m, 1, rows, m, r, m, bBlock);
                // CopySign(1, z) is +1 for z ≥ +0 and −1 below: the reference code's B(Z ≥ 0) = 1.
                TensorPrimitives.CopySign(ones.AsSpan(0, rows * m), bBlock, bBlock);
                // BᵀV: A = Bᵀ read through B's storage (A(j, i) = B[i, j]: strides 1 and m).
                ThinProduct.Multiply(bBlock, 1, m, m, rows, vBlock, m, partial[block]);
                return signs;
            }, _ => { });
            Array.Clear(correlation);
            foreach (var p in partial)
                for (int i = 0; i < correlation.Length; i++) correlation[i] += p[i];
            Lapack.Svd(correlation, m, m, u, s, vt);
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
        Initialisation.FillNormal(gaussian, 1.0, random);
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
