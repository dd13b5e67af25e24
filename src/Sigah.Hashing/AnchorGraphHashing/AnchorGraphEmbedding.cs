using Sigah.Core.Blas;

namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>
/// The spectral embedding of one-layer Anchor Graph Hashing. The anchor graph A = Z·Λ⁻¹·Zᵀ (Λ = diag(Zᵀ·1)) has
/// the same non-trivial eigenvectors as the small m × m matrix M = Λ^(−1/2)·Zᵀ·Z·Λ^(−1/2): with M·v_k = σ_k·v_k,
/// the columns of Y = Z·W, W = √n·Λ^(−1/2)·V·Σ^(−1/2), are eigenvectors of A with YᵀY = n·I. The top eigenvector
/// (σ = 1, constant Y) is skipped; the next r give the r bits, sign(z(x)ᵀ·W) for any x (the out-of-sample extension).
/// </summary>
internal static class AnchorGraphEmbedding
{
    /// <summary>Eigenvalues at or below this are treated as zero: the graph has too few connected anchors for the bits asked.</summary>
    public const double MinEigenvalue = 1e-9;

    /// <summary>
    /// The m × <paramref name="bits"/> projection W (row-major) for <paramref name="graph"/>, and the eigenvalues
    /// σ_1 ≥ … ≥ σ_bits it uses (the trivial σ_0 = 1 excluded). <paramref name="bits"/> must be below m; a graph with
    /// too few connected anchors for them throws a <see cref="CodeLengthException"/>.
    /// </summary>
    public static (float[] Projection, double[] Eigenvalues) Compute(AnchorGraph graph, int bits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        int m = graph.Anchors, s = graph.Neighbours, n = graph.Rows;
        // The top eigenvector is constant and gives no bit, so m anchors give at most m − 1 bits.
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bits, m);

        var degrees = new double[m];
        var gram = new double[m * m];
        for (int i = 0; i < n; i++)
        {
            var anchors = graph.AnchorIndices.AsSpan(i * s, s);
            var weights = graph.Weights.AsSpan(i * s, s);
            for (int a = 0; a < s; a++)
            {
                degrees[anchors[a]] += weights[a];
                for (int b = 0; b < s; b++) gram[anchors[a] * m + anchors[b]] += (double)weights[a] * weights[b];
            }
        }
        var inverseRoots = new double[m];
        for (int j = 0; j < m; j++) inverseRoots[j] = degrees[j] > 0 ? 1 / Math.Sqrt(degrees[j]) : 0;
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) gram[a * m + b] *= inverseRoots[a] * inverseRoots[b];

        var values = new double[m];
        var vectors = new double[m * m];
        Lapack.SymmetricEigen(gram, m, values, vectors);
        if (values[bits] <= MinEigenvalue)
            throw new CodeLengthException(bits, CodeLengthLimit.ConnectedAnchors,
                $"the anchor graph has too few connected anchors for {bits} bits; use more anchors or more training vectors");

        var projection = new float[m * bits];
        double scale = Math.Sqrt(n);
        for (int k = 0; k < bits; k++)
        {
            var v = vectors.AsSpan((k + 1) * m, m);
            double columnScale = scale / Math.Sqrt(values[k + 1]);
            for (int a = 0; a < m; a++) projection[a * bits + k] = (float)(columnScale * inverseRoots[a] * v[a]);
        }
        return (projection, values[1..(bits + 1)]);
    }
}
