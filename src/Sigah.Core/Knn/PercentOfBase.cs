namespace Sigah.Core.Knn;

/// <summary>Ground truth as a share of the base: the nearest P % of n base vectors (the protocol of several hashing papers, P = 2).</summary>
internal static class PercentOfBase
{
    /// <summary>
    /// Neighbours per query for <paramref name="percent"/> % (in (0, 100]) of <paramref name="baseCount"/> vectors:
    /// P/100 · n rounded to the nearest count (halves away from zero), at least 1, at most n.
    /// </summary>
    public static int Neighbours(double percent, int baseCount)
    {
        if (!(percent > 0 && percent <= 100)) throw new ArgumentOutOfRangeException(nameof(percent), percent, "must be in (0, 100]");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseCount);
        return Math.Clamp((int)Math.Round(percent / 100 * baseCount, MidpointRounding.AwayFromZero), 1, baseCount);
    }
}
