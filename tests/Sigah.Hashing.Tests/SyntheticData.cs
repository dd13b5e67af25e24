using Sigah.Core.Data;

namespace Sigah.Hashing.Tests;

/// <summary>Seeded synthetic training sets for method tests that need structure but not real data.</summary>
internal static class SyntheticData
{
    /// <summary>
    /// <paramref name="rows"/> points in <paramref name="dimension"/> dimensions drawn around <paramref name="clusters"/>
    /// random centres (uniform in [−5, 5)) with unit Gaussian noise; row i belongs to cluster i % clusters.
    /// </summary>
    public static FloatMatrix GaussianClusters(int rows, int dimension, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dimension];
        for (int i = 0; i < centres.Length; i++) centres[i] = (float)(random.NextDouble() * 10 - 5);
        var data = new FloatMatrix(rows, dimension);
        for (int i = 0; i < rows; i++)
        {
            var row = data.Row(i);
            var centre = centres.AsSpan(i % clusters * dimension, dimension);
            for (int j = 0; j < dimension; j++) row[j] = centre[j] + (float)Gaussian(random);
        }
        return data;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
