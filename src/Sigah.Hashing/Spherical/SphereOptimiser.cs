using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Spherical;

/// <summary>The result of <see cref="SphereOptimiser.Optimise"/>.</summary>
/// <param name="Centres">m × d sphere centres, row-major.</param>
/// <param name="SquaredRadii">m squared radii; sphere i holds the points at squared distance ≤ SquaredRadii[i].</param>
/// <param name="Iterations">Number of force steps taken.</param>
/// <param name="History">Overlap statistics before the first step and after each step (Iterations + 1 entries).</param>
internal sealed record SphereFit(float[] Centres, float[] SquaredRadii, int Iterations, IReadOnlyList<OverlapStatistics> History);

/// <summary>
/// The sphere placement of Spherical Hashing (Heo et al., CVPR 2012). Each radius is set so its sphere holds half
/// of the points; then every pair of spheres pushes apart when they share more than a quarter of the points and
/// pulls together when they share fewer (force ½·(o_ij − n/4)/(n/4)·(c_i − c_j), averaged over the m spheres),
/// until the overlaps are balanced within the tolerances or the iteration budget runs out.
/// </summary>
internal static class SphereOptimiser
{
    /// <summary>Points averaged into each starting centre.</summary>
    public const int PointsPerStartingCentre = 5;

    /// <summary>
    /// Places <paramref name="spheres"/> (≥ 2) spheres on the rows of <paramref name="points"/> (≥ 2 rows).
    /// Each starting centre is the mean of <see cref="PointsPerStartingCentre"/> random rows.
    /// </summary>
    public static SphereFit Optimise(FloatMatrix points, int spheres, int maxIterations, double meanTolerance, double stdTolerance,
        Random random, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Rows, 2, nameof(points));
        ArgumentOutOfRangeException.ThrowIfLessThan(spheres, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        int n = points.Rows, d = points.Cols;
        var centres = StartingCentres(points, spheres, random);
        var squaredRadii = new float[spheres];
        var overlaps = new float[spheres * spheres];
        var scratch = new Scratch(n, spheres);
        var history = new List<OverlapStatistics>();
        int iterations = 0;
        while (true)
        {
            var statistics = Measure(points, centres, spheres, squaredRadii, overlaps, scratch);
            history.Add(statistics);
            if (statistics.IsBalanced(meanTolerance, stdTolerance) || iterations == maxIterations) break;
            cancellation.ThrowIfCancellationRequested();
            ApplyForces(centres, spheres, d, overlaps, n);
            iterations++;
        }
        return new SphereFit(centres, squaredRadii, iterations, history);
    }

    private static float[] StartingCentres(FloatMatrix points, int spheres, Random random)
    {
        int d = points.Cols;
        var centres = new float[spheres * d];
        for (int i = 0; i < spheres; i++)
        {
            var centre = centres.AsSpan(i * d, d);
            foreach (int row in RowSampling.Distinct(points.Rows, PointsPerStartingCentre, random))
            {
                var x = points.Row(row);
                for (int j = 0; j < d; j++) centre[j] += x[j];
            }
            int used = Math.Min(PointsPerStartingCentre, points.Rows);
            for (int j = 0; j < d; j++) centre[j] /= used;
        }
        return centres;
    }

    /// <summary>Sets the radii to the median distances, counts the pairwise overlaps and summarises them.</summary>
    private static OverlapStatistics Measure(FloatMatrix points, float[] centres, int m, float[] squaredRadii, float[] overlaps, Scratch s)
    {
        int n = points.Rows, d = points.Cols;
        SquaredDistances.RowNorms(centres, d, s.CentreNorms);
        SquaredDistances.Compute(points.Data, n, centres, s.CentreNorms, d, s.Distances);
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < n; p++) s.Column[p] = s.Distances[p * m + i];
            squaredRadii[i] = Selection.Nth(s.Column, n / 2 - 1);
        }
        for (int p = 0; p < n; p++)
            for (int i = 0; i < m; i++)
                s.Inside[p * m + i] = s.Distances[p * m + i] <= squaredRadii[i] ? 1f : 0f;
        // Counts up to 2^24 are exact in float32.
        Gemm.Sgemm(Transpose.Yes, Transpose.No, m, m, n, 1f, s.Inside, s.Inside, 0f, overlaps);
        return OverlapStatistics.FromOverlaps(overlaps, m, n);
    }

    private static void ApplyForces(float[] centres, int m, int d, float[] overlaps, int n)
    {
        double quarter = n / 4.0;
        var weights = new float[m * m];
        var weightSums = new double[m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i == j) continue;
                float w = (float)(0.5 * (overlaps[i * m + j] - quarter) / quarter);
                weights[i * m + j] = w;
                weightSums[i] += w;
            }
        // f_i = (1/m)·Σ_j w_ij·(c_i − c_j) = (1/m)·(Σ_j w_ij·c_i − (W·C)_i).
        var pulled = new float[m * d];
        Gemm.Sgemm(Transpose.No, Transpose.No, m, d, m, 1f, weights, centres, 0f, pulled);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < d; j++)
            {
                int at = i * d + j;
                centres[at] += (float)((weightSums[i] * centres[at] - pulled[at]) / m);
            }
    }

    private sealed class Scratch(int n, int m)
    {
        public readonly float[] CentreNorms = new float[m];
        public readonly float[] Distances = new float[n * m];
        public readonly float[] Inside = new float[n * m];
        public readonly float[] Column = new float[n];
    }
}
