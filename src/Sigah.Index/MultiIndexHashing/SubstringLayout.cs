using System.Numerics;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// How multi-index hashing cuts a code into <see cref="Count"/> contiguous substrings: lengths differ by at most
/// one bit (the first <c>bits % m</c> substrings are one bit longer) and none exceeds <see cref="MaxSubstringBits"/>.
/// </summary>
public sealed class SubstringLayout
{
    /// <summary>Longest substring: a table has 2^length buckets (4 bytes each), so 24 bits caps a table's starts at 64 MiB.</summary>
    public const int MaxSubstringBits = 24;

    private readonly int[] _starts;

    /// <summary>The layout of <paramref name="bits"/>-bit codes into <paramref name="count"/> substrings.</summary>
    public SubstringLayout(int bits, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, MinimumCount(bits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bits);
        Bits = bits;
        Count = count;
        _starts = new int[count + 1];
        for (int i = 0; i < count; i++) _starts[i + 1] = _starts[i] + bits / count + (i < bits % count ? 1 : 0);
    }

    /// <summary>Code length in bits.</summary>
    public int Bits { get; }

    /// <summary>Number of substrings (tables).</summary>
    public int Count { get; }

    /// <summary>Length in bits of substring <paramref name="i"/>.</summary>
    public int Length(int i) => _starts[i + 1] - _starts[i];

    /// <summary>Fewest substrings that keep each within <see cref="MaxSubstringBits"/>.</summary>
    public static int MinimumCount(int bits) => (bits + MaxSubstringBits - 1) / MaxSubstringBits;

    /// <summary>
    /// The default for <paramref name="codes"/> codes: substrings of about log2(n) bits, so a table has about as
    /// many buckets as codes (Norouzi, Punjani &amp; Fleet), rounded so buckets never outnumber codes.
    /// </summary>
    public static int DefaultCount(int bits, int codes)
    {
        int target = Math.Clamp(codes > 1 ? BitOperations.Log2((uint)codes) : 1, 4, 24);
        return Math.Clamp((bits + target - 1) / target, MinimumCount(bits), bits);
    }

    /// <summary>Substring <paramref name="i"/> of <paramref name="code"/> (bit j of the substring = bit start+j of the code).</summary>
    public uint Extract(ReadOnlySpan<byte> code, int i)
    {
        int start = _starts[i], length = Length(i);
        int first = start >> 3, last = (start + length - 1) >> 3;
        ulong window = 0;
        for (int b = last; b >= first; b--) window = window << 8 | code[b];
        return (uint)((window >> (start & 7)) & ((1UL << length) - 1));
    }
}
