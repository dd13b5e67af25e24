using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Hashing.Linear;

namespace Sigah.Hashing;

/// <summary>
/// Principal component analysis: the mean of the data and the <see cref="Components"/> leading eigenvectors of
/// its covariance. The covariance is accumulated with <see cref="SymmetricProduct"/> (BLAS syrk, half a GEMM) over
/// blocks of centred rows, the eigendecomposition is LAPACK's (<see cref="Lapack.SymmetricEigen"/>). Each principal
/// direction's sign is fixed so that its largest-magnitude entry (the first one on ties) is positive, which makes the result independent of
/// the sign LAPACK happens to return.
/// </summary>
internal sealed class Pca
{
    private const int BlockRows = 2048;

    private Pca(float[] mean, float[] projection, int components, double[] variances)
    {
        Map = new LinearProjection(mean, projection, components);
        Variances = variances;
    }

    /// <summary>Input dimension d.</summary>
    public int Dimension => Map.Dimension;

    /// <summary>Number of principal components m kept.</summary>
    public int Components => Map.Outputs;

    /// <summary>The data mean (d values).</summary>
    public float[] Mean => Map.Mean;

    /// <summary>d × m row-major matrix whose column j is the j-th principal direction (unit length).</summary>
    public float[] Projection => Map.Matrix;

    /// <summary>The variance along each kept direction (m values, descending): covariance eigenvalues with divisor n.</summary>
    public double[] Variances { get; }

    /// <summary>x ↦ (x − Mean)·Projection, the coordinates in the principal directions.</summary>
    public LinearProjection Map { get; }

    /// <summary>
    /// Fits the mean and the <paramref name="components"/> leading principal directions of the rows of
    /// <paramref name="data"/> (n × d, finite; 1 ≤ components ≤ d).
    /// </summary>
    public static Pca Fit(FloatMatrix data, int components)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(data.Rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(components, data.Cols);
        int d = data.Cols;
        float[] mean = ColumnMean.Compute(data);
        double[] covariance = ComputeScatter(data, mean);
        double scale = 1.0 / data.Rows;
        for (int i = 0; i < covariance.Length; i++) covariance[i] *= scale; // the unset upper triangle stays 0

        var eigenvalues = new double[d];
        var eigenvectors = new double[(long)d * d];
        Lapack.SymmetricEigen(covariance, d, eigenvalues, eigenvectors);

        var projection = new float[(long)d * components];
        var variances = new double[components];
        for (int j = 0; j < components; j++)
        {
            var direction = eigenvectors.AsSpan(j * d, d);
            double sign = direction[LargestMagnitudeIndex(direction)] < 0 ? -1.0 : 1.0;
            for (int i = 0; i < d; i++) projection[(long)i * components + j] = (float)(sign * direction[i]);
            variances[j] = Math.Max(0.0, eigenvalues[j]);
        }
        return new Pca(mean, projection, components, variances);
    }

    /// <summary>
    /// Lower triangle (row ≥ column) of Σ (x − mean)ᵀ(x − mean) over all rows, d × d row-major: one
    /// <see cref="SymmetricProduct"/> per block of centred rows, summed in double across blocks.
    /// </summary>
    private static double[] ComputeScatter(FloatMatrix data, float[] mean)
    {
        int d = data.Cols;
        var scatter = new double[(long)d * d];
        var block = new float[(long)Math.Min(BlockRows, data.Rows) * d];
        var product = new float[(long)d * d];
        for (int start = 0; start < data.Rows; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, data.Rows - start);
            for (int i = 0; i < rows; i++) TensorPrimitives.Subtract(data.Row(start + i), mean, block.AsSpan(i * d, d));
            SymmetricProduct.LowerAtA(d, rows, block, d, product, d);
            for (int i = 0; i < d; i++)
                for (int j = 0; j <= i; j++) scatter[i * d + j] += product[i * d + j];
        }
        return scatter;
    }

    private static int LargestMagnitudeIndex(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (Math.Abs(values[i]) > Math.Abs(values[best])) best = i;
        return best;
    }
}
