using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Linear;

public class PcaTests
{
    /// <summary>Correlated data: x = z·A + offset with z standard normal, so the covariance is far from diagonal.</summary>
    internal static FloatMatrix CorrelatedData(int n, int d, int seed)
    {
        var random = new Random(seed);
        var mixing = new float[d * d];
        Initialisation.FillNormal(mixing, 1.0, random);
        var z = new float[d];
        var data = new FloatMatrix(n, d);
        for (int i = 0; i < n; i++)
        {
            Initialisation.FillNormal(z, 1.0, random);
            for (int c = 0; c < d; c++)
            {
                double sum = 3.0 + c;
                for (int k = 0; k < d; k++) sum += z[k] * (double)mixing[k * d + c] / (1 + k);
                data.Data[i * d + c] = (float)sum;
            }
        }
        return data;
    }

    [Fact]
    public void Directions_are_orthonormal_descending_eigenvectors_of_the_covariance_with_positive_largest_entry()
    {
        const int n = 500, d = 12, m = 5;
        var data = CorrelatedData(n, d, seed: 3);

        var pca = Pca.Fit(data, m);

        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) mean[c] += data.Data[i * d + c] / (double)n;
        var cov = new double[d, d];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < d; p++)
                for (int q = 0; q < d; q++)
                    cov[p, q] += (data.Data[i * d + p] - mean[p]) * (data.Data[i * d + q] - mean[q]) / n;
        for (int c = 0; c < d; c++) Assert.Equal(mean[c], pca.Mean[c], 1e-4);
        for (int j = 0; j < m; j++)
        {
            double[] w = Enumerable.Range(0, d).Select(i => (double)pca.Projection[i * m + j]).ToArray();
            if (j > 0) Assert.True(pca.Variances[j - 1] >= pca.Variances[j]);
            Assert.True(w.Max() >= -w.Min(), "largest-magnitude entry is positive");
            for (int p = 0; p < d; p++)
            {
                double cw = 0;
                for (int q = 0; q < d; q++) cw += cov[p, q] * w[q];
                Assert.Equal(pca.Variances[j] * w[p], cw, pca.Variances[0] * 1e-4);
            }
            for (int k = 0; k < m; k++)
            {
                double dot = 0;
                for (int i = 0; i < d; i++) dot += w[i] * pca.Projection[i * m + k];
                Assert.Equal(j == k ? 1.0 : 0.0, dot, 1e-5);
            }
        }
    }

    [Fact]
    public void Map_gives_centred_coordinates_in_the_principal_directions()
    {
        const int n = 300, d = 7, m = 3;
        var data = CorrelatedData(n, d, seed: 5);
        var pca = Pca.Fit(data, m);
        var projected = new float[n * m];

        pca.Map.Project(data.Data, n, projected);

        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double expected = 0;
                for (int c = 0; c < d; c++) expected += (data.Data[i * d + c] - pca.Mean[c]) * (double)pca.Projection[c * m + j];
                Assert.Equal(expected, projected[i * m + j], 1e-3);
            }
    }
}
