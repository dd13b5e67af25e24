using Sigah.Hashing.Spherical;

namespace Sigah.Hashing.Tests.Spherical;

public class OverlapStatisticsTests
{
    [Fact]
    public void Mean_deviation_and_spread_of_a_hand_computed_overlap_matrix()
    {
        // 8 points, 3 spheres, overlaps o01 = 2, o02 = 3, o12 = 1; the ideal is 8/4 = 2.
        // Deviations |o − 2| = 0, 1, 1 → mean 2/3. Mean overlap 2, squared spreads 0, 1, 1 → std √(2/3).
        // The lower triangle and diagonal hold junk that must be ignored.
        float[] overlaps =
        [
            4, 2, 3,
            99, 4, 1,
            99, 99, 4,
        ];
        var statistics = OverlapStatistics.FromOverlaps(overlaps, 3, 8);
        Assert.Equal(2.0 / 3.0, statistics.MeanDeviation, 12);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), statistics.StandardDeviation, 12);
        // Tolerances are fractions of n/4 = 2: 0.34·2 ≥ 2/3 but 0.33·2 < 2/3.
        Assert.True(statistics.IsBalanced(0.34, 0.41));
        Assert.False(statistics.IsBalanced(0.33, 0.41));
        Assert.False(statistics.IsBalanced(0.34, 0.40));
    }
}
