using System.Runtime.Intrinsics;

namespace Sigah.Core.Knn;

/// <summary>Squared Euclidean distance in double precision: the exact ranking key of <see cref="ExactKnn"/>.</summary>
internal static class SquaredL2
{
    /// <summary>
    /// Σ (x_i − y_i)² accumulated in double: the error is far below float resolution, so float rounding cannot
    /// reorder neighbours, and the fixed summation order makes equal vector pairs give equal sums (exact ties stay ties).
    /// </summary>
    public static double Distance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"lengths differ ({x.Length} vs {y.Length})", nameof(y));
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; i + 8 <= x.Length; i += 8)
            {
                var (xl, xh) = Vector256.Widen(Vector256.Create(x.Slice(i, 8)));
                var (yl, yh) = Vector256.Widen(Vector256.Create(y.Slice(i, 8)));
                var dl = xl - yl;
                var dh = xh - yh;
                a0 += dl * dl;
                a1 += dh * dh;
            }
            sum = Vector256.Sum(a0 + a1);
        }
        for (; i < x.Length; i++)
        {
            double d = (double)x[i] - y[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Σ x_i² accumulated in double.</summary>
    public static double Norm(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return sum;
    }
}
