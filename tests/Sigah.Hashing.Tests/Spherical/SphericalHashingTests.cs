using Sigah.Core.Data;
using Sigah.Hashing.Spherical;

namespace Sigah.Hashing.Tests.Spherical;

public class SphericalHashingTests
{
    private const int Rows = 1200, Dimension = 24, Bits = 32;

    [Fact]
    public void Force_steps_balance_the_overlaps_within_the_paper_tolerances()
    {
        var data = SyntheticData.GaussianClusters(Rows, Dimension, clusters: 6, seed: 3);
        var fit = SphereOptimiser.Optimise(data, Bits, maxIterations: 100, meanTolerance: 0.1, stdTolerance: 0.15, new Random(5));

        Assert.InRange(fit.Iterations, 1, 99);
        Assert.Equal(fit.Iterations + 1, fit.History.Count);
        Assert.False(fit.History[0].IsBalanced(0.1, 0.15));
        Assert.True(fit.History[^1].IsBalanced(0.1, 0.15));
        Assert.True(fit.History[^1].MeanDeviation < fit.History[0].MeanDeviation / 2);
    }

    [Fact]
    public void Every_sphere_holds_half_of_the_training_points()
    {
        var data = SyntheticData.GaussianClusters(Rows, Dimension, clusters: 6, seed: 4);
        var model = new SphericalHasher(new SphericalOptions { Bits = Bits }).Fit(data, new TrainingContext { Seed = 9 });
        var codes = model.EncodeAll(data);
        for (int bit = 0; bit < Bits; bit++)
        {
            int inside = 0;
            for (int i = 0; i < Rows; i++) inside += codes.GetBit(i, bit) ? 1 : 0;
            // The radius is the distance of the (n/2)-th nearest point; only float rounding right at the
            // boundary (encoding recomputes the distances in other blocks) could move a point across it.
            Assert.InRange(inside, Rows / 2 - 2, Rows / 2 + 2);
        }
    }

    [Fact]
    public void Bits_are_set_exactly_for_points_inside_their_sphere()
    {
        var data = SyntheticData.GaussianClusters(500, Dimension, clusters: 4, seed: 6);
        var model = (SphericalModel)new SphericalHasher(new SphericalOptions { Bits = 16 }).Fit(data, new TrainingContext { Seed = 1 });
        var queries = SyntheticData.GaussianClusters(200, Dimension, clusters: 4, seed: 7);
        var codes = model.EncodeAll(queries);
        int checkedBits = 0;
        for (int i = 0; i < queries.Rows; i++)
            for (int bit = 0; bit < 16; bit++)
            {
                double distance = SquaredDistance(queries.Row(i), model.Centres.Slice(bit * Dimension, Dimension));
                double radius = model.SquaredRadii[bit];
                if (Math.Abs(distance - radius) < 1e-3 * radius) continue; // too close to the boundary for float32
                Assert.Equal(distance <= radius, codes.GetBit(i, bit));
                checkedBits++;
            }
        Assert.True(checkedBits > 0.99 * queries.Rows * 16);
    }

    [Fact]
    public void Options_are_checked_and_named()
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => new SphericalHasher(new SphericalOptions { Bits = 16, Samples = 1 }));
        Assert.Equal(nameof(SphericalOptions.Samples), e.ParamName);
        Assert.Equal(1, e.ActualValue);
        Assert.Equal("must be at least 2", e.Requirement);
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += (double)(a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }
}
