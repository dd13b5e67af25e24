using System.Numerics;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// The geometry of the multi-index tables of <see cref="Count"/> codes, which is also their layout in memory and
/// in index files. Each of the m tables is
/// <code>
///   (2^p + 1) × uint32   prefix directory: entry v = first posting whose key has top p bits ≥ v; last = n
///   n × w bits           postings: code positions ordered by (key, position), packed little-endian at w bits each
/// </code>
/// each part zero-padded to a multiple of 8 bytes, where w = ⌈log2 n⌉ (<see cref="PostingBits"/>) and p =
/// <see cref="PrefixBits"/>. Keys are not stored: a posting's key is its code's substring, read from the codes.
/// Sizes are chosen against a budget of the codes' own size, n × bits/8 bytes (<see cref="Budget"/>).
/// </summary>
internal sealed class MihTableShape
{
    /// <summary>Longest prefix of a directory (2^30 entries, 4 GiB).</summary>
    public const int MaxPrefixBits = 30;

    /// <summary>Share of the budget the directories may take together, as a divisor: they stay a small fraction.</summary>
    private const int DirectoryShare = 16;

    /// <summary>The shape of <paramref name="count"/> codes cut by <paramref name="layout"/> with <paramref name="prefixBits"/>-bit directories.</summary>
    public MihTableShape(SubstringLayout layout, int count, int prefixBits)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixBits, Math.Min(MaxPrefixBits, layout.MinimumLength));
        Layout = layout;
        Count = count;
        PrefixBits = prefixBits;
        PostingBits = PostingBitsFor(count);
        DirectoryBytes = Align8(4L * DirectoryEntries);
        PostingBytes = Align8(((long)count * PostingBits + 7) / 8);
    }

    /// <summary>How codes are cut into substrings (one table each).</summary>
    public SubstringLayout Layout { get; }

    /// <summary>Number of codes indexed.</summary>
    public int Count { get; }

    /// <summary>Bits p of a key that index the directory.</summary>
    public int PrefixBits { get; }

    /// <summary>Bits w of one posting: enough for positions 0..n-1 (at least 1).</summary>
    public int PostingBits { get; }

    /// <summary>Entries of one directory: 2^p + 1.</summary>
    public int DirectoryEntries => (1 << PrefixBits) + 1;

    /// <summary>Bytes of one directory, padding included.</summary>
    public long DirectoryBytes { get; }

    /// <summary>Bytes of one table's postings, padding included.</summary>
    public long PostingBytes { get; }

    /// <summary>Bytes of one table.</summary>
    public long TableBytes => DirectoryBytes + PostingBytes;

    /// <summary>Bytes of all tables.</summary>
    public long SizeInBytes => Layout.Count * TableBytes;

    /// <summary>Where table <paramref name="table"/>'s directory starts within the tables.</summary>
    public long DirectoryOffset(int table) => table * TableBytes;

    /// <summary>Where table <paramref name="table"/>'s postings start within the tables.</summary>
    public long PostingsOffset(int table) => table * TableBytes + DirectoryBytes;

    /// <summary>Right shift that turns a key of table <paramref name="table"/> into its directory entry.</summary>
    public int PrefixShift(int table) => Layout.Length(table) - PrefixBits;

    /// <summary>The budget the tables aim to stay within: the size of the codes, n × bits/8 bytes.</summary>
    public static long Budget(int bits, int count) => (long)count * (bits / 8);

    /// <summary>⌈log2 <paramref name="count"/>⌉, at least 1: the bits of one posting.</summary>
    public static int PostingBitsFor(int count) => count <= 2 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(count - 1));

    /// <summary>
    /// The shape for <paramref name="layout"/>: the longest prefix whose directories take at most 1/16 of the
    /// budget while all tables stay within it (0 when even that cannot fit). Longer prefixes make shorter
    /// ranges to search per probe.
    /// </summary>
    public static MihTableShape For(SubstringLayout layout, int count)
    {
        ArgumentNullException.ThrowIfNull(layout);
        long budget = Budget(layout.Bits, count);
        int best = 0;
        for (int p = 1; p <= Math.Min(MaxPrefixBits, layout.MinimumLength); p++)
        {
            var shape = new MihTableShape(layout, count, p);
            if (layout.Count * shape.DirectoryBytes > budget / DirectoryShare || shape.SizeInBytes > budget) break;
            best = p;
        }
        return new MihTableShape(layout, count, best);
    }

    /// <summary>
    /// The default for <paramref name="count"/> codes of <paramref name="bits"/> bits: the most substrings (the
    /// shortest, closest to the ideal log2 n bits of Norouzi, Punjani &amp; Fleet, at least 4 bits) whose tables fit
    /// the budget with directories that cut a table into ranges of at most about 256 postings on average. Postings take
    /// m·w bits per code, so this needs m·w &lt; bits; when no count fits (codes of fewer bits than w + 1, or a
    /// handful of codes), the count that keeps postings within the codes, or the fewest substrings allowed.
    /// </summary>
    public static MihTableShape Default(int bits, int count)
    {
        int w = PostingBitsFor(count), minimum = SubstringLayout.MinimumCount(bits);
        int most = Math.Clamp(bits / Math.Max(w, 4), minimum, bits);
        for (int m = most; m >= minimum; m--)
        {
            var shape = For(new SubstringLayout(bits, m), count);
            if (shape.SizeInBytes <= Budget(bits, count) && shape.PrefixBits >= Math.Min(shape.Layout.MinimumLength, w - 8)) return shape;
        }
        return For(new SubstringLayout(bits, most), count);
    }

    private static long Align8(long bytes) => (bytes + 7) / 8 * 8;
}
