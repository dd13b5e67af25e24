namespace Sigah.Index.Scan;

/// <summary>A set of code positions as a bitmap: bit p of word p / 64 (⌈n / 64⌉ words for n codes).</summary>
internal static class PositionBits
{
    /// <summary>Words needed for <paramref name="count"/> positions.</summary>
    public static int Words(int count) => (count + 63) >> 6;

    /// <summary>
    /// True when <paramref name="bits"/> is not null and holds <paramref name="position"/>; positions past the end of
    /// the bitmap are not in the set (a set may be sized for fewer codes than a later view holds).
    /// </summary>
    public static bool Contains(ulong[]? bits, int position) =>
        bits is not null && (uint)(position >> 6) < (uint)bits.Length && (bits[position >> 6] >> position & 1) != 0;

    /// <summary>Adds <paramref name="position"/> to <paramref name="bits"/>.</summary>
    public static void Add(ulong[] bits, int position) => bits[position >> 6] |= 1UL << position;
}
