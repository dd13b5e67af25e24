namespace Sigah.Hashing.Spherical;

/// <summary>
/// How far the pairwise sphere overlaps o_ij (points inside both sphere i and sphere j, over all pairs i &lt; j)
/// are from the ideal of a quarter of the points, the balance Spherical Hashing drives towards.
/// </summary>
/// <param name="Points">Number of points the overlaps were counted on.</param>
/// <param name="MeanDeviation">Mean of |o_ij − Points/4| over all pairs.</param>
/// <param name="StandardDeviation">Standard deviation of o_ij over all pairs.</param>
internal sealed record OverlapStatistics(int Points, double MeanDeviation, double StandardDeviation)
{
    /// <summary>
    /// The stopping rule of Heo et al.: mean deviation ≤ <paramref name="meanTolerance"/>·Points/4 and
    /// standard deviation ≤ <paramref name="stdTolerance"/>·Points/4.
    /// </summary>
    public bool IsBalanced(double meanTolerance, double stdTolerance) =>
        MeanDeviation <= meanTolerance * Points / 4.0 && StandardDeviation <= stdTolerance * Points / 4.0;

    /// <summary>Computes the statistics from the m × m overlap-count matrix (row-major; only i &lt; j is read).</summary>
    public static OverlapStatistics FromOverlaps(ReadOnlySpan<float> overlaps, int spheres, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spheres, 2);
        if (overlaps.Length < spheres * spheres)
            throw new ArgumentException($"overlaps holds {overlaps.Length} values, expected {spheres} x {spheres}", nameof(overlaps));
        double quarter = points / 4.0, deviation = 0, sum = 0, sumSquares = 0;
        int pairs = spheres * (spheres - 1) / 2;
        for (int i = 0; i < spheres; i++)
            for (int j = i + 1; j < spheres; j++)
            {
                double o = overlaps[i * spheres + j];
                deviation += Math.Abs(o - quarter);
                sum += o;
                sumSquares += o * o;
            }
        double mean = sum / pairs;
        double variance = Math.Max(0, sumSquares / pairs - mean * mean);
        return new OverlapStatistics(points, deviation / pairs, Math.Sqrt(variance));
    }
}
