using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Builds multi-index tables. Per table: one pass reads every code's key and counts what the rest needs (the
/// directory's prefixes and the radix digits), then a stable least-significant-digit radix sort by key moves the
/// positions (11-bit digits, so two passes for keys of up to 22 bits; stable, so equal keys keep ascending
/// positions), and the positions are packed. Key and position travel as one word when they fit in 64 bits.
/// Tables are built in parallel. Cost: O(m · n · ⌈L/11⌉) time, about 24 bytes per code of scratch per table
/// being built (measured: about 0.1 s of cpu for 1M 64-bit codes). Hot loops are compiled optimised at once
/// (AggressiveOptimization): a command builds tables once, before tiered compilation would speed them up.
/// </summary>
internal static unsafe class MihTableBuilder
{
    private const int DigitBits = 11;
    private const int DigitMask = (1 << DigitBits) - 1;

    /// <summary>The tables' bytes (<see cref="MihTableShape.SizeInBytes"/> + <see cref="MihTables.ReadSlack"/>) for <paramref name="codes"/>.</summary>
    public static byte[] Build(ReadOnlySpan<byte> codes, MihTableShape shape)
    {
        var layout = shape.Layout;
        int count = shape.Count, bytes = layout.Bits / 8;
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes hold {codes.Length} bytes, expected {count} × {bytes}", nameof(codes));
        long total = shape.SizeInBytes + MihTables.ReadSlack;
        if (total > Array.MaxLength) throw new ArgumentException($"tables of {shape.SizeInBytes} bytes exceed what one array holds", nameof(shape));
        var data = new byte[total];
        var directories = new uint[layout.Count][];
        fixed (byte* codeBase = codes)
        {
            nint codeAddress = (nint)codeBase;
            // Tables are packed in parallel, each into its own postings; directories are copied in afterwards,
            // because packing read-modify-writes 8-byte words that may reach into the next table's directory.
            Parallel.For(0, layout.Count, t =>
                directories[t] = BuildTable((byte*)codeAddress, count, layout, t, shape, data.AsSpan((int)shape.PostingsOffset(t))));
        }
        for (int t = 0; t < layout.Count; t++)
            directories[t].AsSpan().CopyTo(MemoryMarshal.Cast<byte, uint>(data.AsSpan((int)shape.DirectoryOffset(t))));
        return data;
    }

    /// <summary>
    /// Packs the positions 0..n-1 ordered by (key of table <paramref name="table"/>, position) into
    /// <paramref name="postings"/> (the table's postings and everything after them) and returns the table's
    /// directory: entry v = how many keys have a prefix below v. Scratch arrays come from the shared pool, so
    /// tables built one after another on a thread reuse them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint[] BuildTable(byte* codes, int count, SubstringLayout layout, int table, MihTableShape shape, Span<byte> postings)
    {
        int bytes = layout.Bits / 8, length = layout.Length(table), width = shape.PostingBits, prefixShift = shape.PrefixShift(table);
        var reader = layout.Reader(table);
        // Key above position in one word when both fit; otherwise the positions move alongside the keys.
        bool together = length + width <= 64;
        int keyShift = together ? width : 0, digits = (length + DigitBits - 1) / DigitBits;
        var words = ArrayPool<ulong>.Shared.Rent(count);
        var wordsOut = ArrayPool<ulong>.Shared.Rent(count);
        int[]? positions = together ? null : ArrayPool<int>.Shared.Rent(count);
        int[]? positionsOut = together ? null : ArrayPool<int>.Shared.Rent(count);
        var histograms = new int[digits << DigitBits];
        var directory = new uint[shape.DirectoryEntries];
        for (int p = 0; p < count; p++)
        {
            ulong key = reader.Read(codes + (nint)p * bytes);
            words[p] = together ? key << width | (uint)p : key;
            if (positions is not null) positions[p] = p;
            for (int d = 0; d < digits; d++) histograms[d << DigitBits | (int)(key >> (d * DigitBits)) & DigitMask]++;
            directory[(key >> prefixShift) + 1]++;
        }
        for (int v = 1; v < directory.Length; v++) directory[v] += directory[v - 1];

        for (int d = 0; d < digits; d++)
        {
            var next = histograms.AsSpan(d << DigitBits, 1 << DigitBits);
            for (int i = 0, sum = 0; i < next.Length; i++) (next[i], sum) = (sum, sum + next[i]);
            int shift = keyShift + d * DigitBits;
            for (int i = 0; i < count; i++)
            {
                int at = next[(int)(words[i] >> shift) & DigitMask]++;
                wordsOut[at] = words[i];
                if (positionsOut is not null) positionsOut[at] = positions![i];
            }
            (words, wordsOut) = (wordsOut, words);
            (positions, positionsOut) = (positionsOut, positions);
        }
        if (together)
        {
            // The spare word buffer holds the positions unpacked from the sorted words.
            var sorted = MemoryMarshal.Cast<ulong, int>(wordsOut.AsSpan())[..count];
            ulong low = (1UL << width) - 1;
            for (int e = 0; e < count; e++) sorted[e] = (int)(words[e] & low);
            PackedPostings.Write(sorted, width, postings);
        }
        else
        {
            PackedPostings.Write(positions.AsSpan(0, count), width, postings);
            ArrayPool<int>.Shared.Return(positions!);
            ArrayPool<int>.Shared.Return(positionsOut!);
        }
        ArrayPool<ulong>.Shared.Return(words);
        ArrayPool<ulong>.Shared.Return(wordsOut);
        return directory;
    }
}
