using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Tests.Numerics;

public class KMeansTests
{
    [Fact]
    public void Converged_centres_are_the_means_of_their_assigned_rows()
    {
        var data = SyntheticData.GaussianClusters(600, 8, clusters: 5, seed: 2);
        var centres = KMeans.Fit(data, 5, iterations: 100, new Random(1));
        var assignment = new int[data.Rows];
        KMeans.Assign(data, centres, 5, assignment);
        // At a fixed point of Lloyd's iteration every centre is the mean of the rows nearest to it.
        for (int c = 0; c < 5; c++)
        {
            var mean = new double[8];
            int size = 0;
            for (int i = 0; i < data.Rows; i++)
            {
                if (assignment[i] != c) continue;
                size++;
                for (int j = 0; j < 8; j++) mean[j] += data.Row(i)[j];
            }
            Assert.True(size > 0);
            for (int j = 0; j < 8; j++) Assert.Equal(mean[j] / size, centres[c * 8 + j], 4);
        }
    }

    [Fact]
    public void Assignment_picks_the_nearest_centre_with_ties_to_the_smaller_index()
    {
        var data = new FloatMatrix(3, 2, [0, 0, 4, 0, 2, 0]);
        float[] centres = [3, 0, 1, 0, -1, 0];
        var assignment = new int[3];
        Assert.True(KMeans.Assign(data, centres, 3, assignment));
        // Row (2, 0) is at distance 1 from centres 0 and 1: the smaller index wins.
        Assert.Equal([1, 0, 0], assignment);
        Assert.False(KMeans.Assign(data, centres, 3, assignment));
    }

    [Fact]
    public void Each_round_lowers_the_within_cluster_sum_of_squares()
    {
        var data = SyntheticData.GaussianClusters(400, 6, clusters: 8, seed: 5);
        double previous = double.MaxValue;
        for (int iterations = 0; iterations <= 4; iterations++)
        {
            double inertia = Inertia(data, KMeans.Fit(data, 8, iterations, new Random(3)), 8);
            Assert.True(inertia <= previous + 1e-6 * previous);
            previous = inertia;
        }
    }

    private static double Inertia(FloatMatrix data, float[] centres, int k)
    {
        var assignment = new int[data.Rows];
        KMeans.Assign(data, centres, k, assignment);
        double sum = 0;
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < data.Cols; j++)
            {
                double diff = data.Row(i)[j] - centres[assignment[i] * data.Cols + j];
                sum += diff * diff;
            }
        return sum;
    }
}
