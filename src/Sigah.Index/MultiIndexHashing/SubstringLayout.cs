using System.Runtime.CompilerServices;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// How multi-index hashing cuts a code into <see cref="Count"/> contiguous substrings: lengths differ by at most
/// one bit (the first <c>bits % m</c> substrings are one bit longer) and none exceeds <see cref="MaxSubstringBits"/>.
/// A substring's value (its key) is read from a code with one unaligned 8-byte load when the code has 8 bytes or
/// more, which is what lets the tables look keys up in the codes instead of storing them.
/// </summary>
internal sealed class SubstringLayout
{
    /// <summary>Longest substring: one 8-byte load at a byte boundary holds any 56 consecutive bits.</summary>
    public const int MaxSubstringBits = 56;

    private readonly int[] _starts;
    private readonly int[] _loadOffsets;
    private readonly int[] _loadShifts;

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
        // Substring i is bits [start, start + length) of the 8 bytes loaded at byte LoadOffset: the byte holding
        // its first bit, or the last 8 bytes of the code when that would read past it.
        _loadOffsets = new int[count];
        _loadShifts = new int[count];
        int bytes = bits / 8;
        for (int i = 0; i < count; i++)
        {
            _loadOffsets[i] = Math.Max(0, Math.Min(_starts[i] >> 3, bytes - 8));
            _loadShifts[i] = _starts[i] - 8 * _loadOffsets[i];
        }
    }

    /// <summary>Code length in bits.</summary>
    public int Bits { get; }

    /// <summary>Number of substrings (tables).</summary>
    public int Count { get; }

    /// <summary>Length in bits of substring <paramref name="i"/>.</summary>
    public int Length(int i) => _starts[i + 1] - _starts[i];

    /// <summary>Length of the shortest substring (the last one).</summary>
    public int MinimumLength => Length(Count - 1);

    /// <summary>Fewest substrings that keep each within <see cref="MaxSubstringBits"/>.</summary>
    public static int MinimumCount(int bits) => (bits + MaxSubstringBits - 1) / MaxSubstringBits;

    /// <summary>Substring <paramref name="i"/> of <paramref name="code"/> (bit j of the substring = bit start+j of the code).</summary>
    public ulong Extract(ReadOnlySpan<byte> code, int i)
    {
        int start = _starts[i], length = Length(i);
        ulong value = 0;
        for (int bit = 0; bit < length; bit++)
        {
            int at = start + bit;
            value |= (ulong)((code[at >> 3] >> (at & 7)) & 1) << bit;
        }
        return value;
    }

    /// <summary>Reads substrings of one table from codes in place: what the search and the table builder call per code.</summary>
    internal KeyReader Reader(int i) => new(_loadOffsets[i], _loadShifts[i], Length(i), Bits / 8);

    /// <summary>Substring reader of one table: one unaligned load, shift and mask for codes of 8 bytes or more.</summary>
    internal readonly unsafe struct KeyReader(int offset, int shift, int length, int bytes)
    {
        private readonly ulong _mask = (1UL << length) - 1;

        /// <summary>The key of the code at <paramref name="code"/> (<c>bits/8</c> readable bytes).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Read(byte* code)
        {
            if (bytes >= 8) return (Unsafe.ReadUnaligned<ulong>(code + offset) >> shift) & _mask;
            ulong word = 0;
            for (int b = bytes - 1; b >= 0; b--) word = word << 8 | code[b];
            return (word >> shift) & _mask;
        }
    }
}
