namespace Sigah.Hashing.Spectral;

/// <summary>
/// The eigenfunction selection of Spectral Hashing (Weiss, Torralba &amp; Fergus, NIPS 2008). Under the uniform
/// assumption, direction j (range R_j) has eigenfunctions with ω = k·π / R_j, k = 1, 2, …, and eigenvalues increasing
/// in ω. Each direction offers k &lt; ⌈(bits + 1)·R_j / max R⌉ (enough that the widest alone could fill every bit);
/// the <c>bits</c> candidates of smallest ω are taken, ties in the candidates' order (by direction, then k), as the
/// authors' stable sort does.
/// </summary>
internal static class SpectralModes
{
    /// <summary>
    /// The <paramref name="bits"/> lowest-frequency one-dimensional modes for directions of the given
    /// <paramref name="ranges"/> (max − min of the training values per direction), lowest first. Directions with a
    /// zero range carry no eigenfunction. Needs a positive range somewhere.
    /// </summary>
    public static SpectralMode[] Select(ReadOnlySpan<double> ranges, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        double widest = 0;
        foreach (double r in ranges)
        {
            if (!(r >= 0) || !double.IsFinite(r)) throw new ArgumentOutOfRangeException(nameof(ranges), r, "ranges must be finite and non-negative");
            widest = Math.Max(widest, r);
        }
        if (widest == 0) throw new ArgumentException("every range is zero", nameof(ranges));
        var candidates = new List<SpectralMode>();
        for (int j = 0; j < ranges.Length; j++)
        {
            if (ranges[j] == 0) continue;
            int modes = (int)Math.Ceiling((bits + 1) * ranges[j] / widest);
            for (int k = 1; k < modes; k++) candidates.Add(new SpectralMode(j, k, k * Math.PI / ranges[j]));
        }
        // OrderBy is stable: equal frequencies keep the candidates' order.
        return candidates.OrderBy(m => m.Frequency).Take(bits).ToArray();
    }
}
