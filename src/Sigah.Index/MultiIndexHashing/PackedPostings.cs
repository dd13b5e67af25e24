using System.Runtime.CompilerServices;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Code positions packed at a fixed width of w ≤ 31 bits, entry e in bits [e·w, e·w + w) of a little-endian bit
/// stream. Every access is one unaligned 8-byte load, so the stream must be followed by 8 readable bytes
/// (<see cref="ReadSlack"/>).
/// </summary>
internal static unsafe class PackedPostings
{
    /// <summary>Readable bytes needed after the last byte of a stream.</summary>
    public const int ReadSlack = 8;

    /// <summary>Entry <paramref name="entry"/> of the <paramref name="width"/>-bit stream at <paramref name="stream"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(byte* stream, long entry, int width)
    {
        long bit = entry * width;
        ulong word = Unsafe.ReadUnaligned<ulong>(stream + (bit >> 3));
        return (int)((word >> (int)(bit & 7)) & ((1UL << width) - 1));
    }

    /// <summary>
    /// Writes <paramref name="values"/> (each below 2^<paramref name="width"/>) as a stream into
    /// <paramref name="stream"/>, which must hold ⌈count·w/8⌉ + <see cref="ReadSlack"/> bytes. Bits are gathered into
    /// whole 8-byte words, so the last word written may zero up to 7 bytes past the stream's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(ReadOnlySpan<int> values, int width, Span<byte> stream)
    {
        long needed = ((long)values.Length * width + 7) / 8 + ReadSlack;
        if (stream.Length < needed) throw new ArgumentException($"stream holds {stream.Length} bytes, needs {needed}", nameof(stream));
        fixed (byte* s = stream)
        {
            byte* word = s;
            ulong pending = 0;
            int filled = 0;
            foreach (int value in values)
            {
                pending |= (ulong)(uint)value << filled;
                filled += width;
                if (filled < 64) continue;
                Unsafe.WriteUnaligned(word, pending);
                word += 8;
                filled -= 64;
                pending = filled == 0 ? 0 : (ulong)(uint)value >> (width - filled);
            }
            if (filled > 0) Unsafe.WriteUnaligned(word, pending);
        }
    }
}
