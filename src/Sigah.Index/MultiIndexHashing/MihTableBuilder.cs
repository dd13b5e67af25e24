using System.Runtime.CompilerServices;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Builds multi-index tables: per table, the keys of all codes, a stable least-significant-digit radix sort of
/// the positions by key (11-bit digits, so two passes for keys of up to 22 bits; stable, so equal keys keep
/// ascending positions), the prefix directory from the sorted keys, and the positions packed. Tables are built
/// in parallel. Cost: O(m · n · ⌈L/11⌉) time, 24 bytes per code of scratch per table being built. Hot loops are
/// compiled optimised at once (AggressiveOptimization): a command builds tables once, before tiered compilation
/// would speed them up.
/// </summary>
internal static unsafe class MihTableBuilder
{
    private const int DigitBits = 11;

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
            {
                var (positions, keys) = SortedByKey((byte*)codeAddress, count, layout, t, DigitBits);
                directories[t] = Directory(keys, shape.PrefixShift(t), shape.DirectoryEntries);
                PackedPostings.Write(positions, shape.PostingBits, data.AsSpan((int)shape.PostingsOffset(t)));
            });
        }
        for (int t = 0; t < layout.Count; t++)
            directories[t].AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data.AsSpan((int)shape.DirectoryOffset(t))));
        return data;
    }

    /// <summary>Positions 0..n-1 ordered by (key of table <paramref name="table"/>, position), and their keys in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Positions, ulong[] Keys) SortedByKey(byte* codes, int count, SubstringLayout layout, int table, int digitBits)
    {
        int bytes = layout.Bits / 8, length = layout.Length(table), width = MihTableShape.PostingBitsFor(count);
        var reader = layout.Reader(table);
        var keys = GC.AllocateUninitializedArray<ulong>(count);
        var positions = new int[count];
        if (length + width <= 64)
        {
            // Key and position in one word (key above the position), sorted by the key bits: one array to move.
            for (int p = 0; p < count; p++) keys[p] = reader.Read(codes + (nint)p * bytes) << width | (uint)p;
            keys = RadixSort(keys, null, width, length, digitBits);
            ulong low = (1UL << width) - 1;
            for (int e = 0; e < count; e++)
            {
                positions[e] = (int)(keys[e] & low);
                keys[e] >>= width;
            }
            return (positions, keys);
        }
        for (int p = 0; p < count; p++)
        {
            keys[p] = reader.Read(codes + (nint)p * bytes);
            positions[p] = p;
        }
        keys = RadixSort(keys, positions, 0, length, digitBits);
        return (positions, keys);
    }

    /// <summary>
    /// Stable LSD radix sort of <paramref name="keys"/> by bits [<paramref name="from"/>, from + <paramref name="bits"/>),
    /// moving <paramref name="companion"/> (if any) along; returns the sorted keys (the companion is sorted in place).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] RadixSort(ulong[] keys, int[]? companion, int from, int bits, int digitBits)
    {
        int count = keys.Length, digitMask = (1 << digitBits) - 1;
        var keysOut = GC.AllocateUninitializedArray<ulong>(count);
        var companionOut = companion is null ? null : GC.AllocateUninitializedArray<int>(count);
        var companionIn = companion;
        var next = new int[1 << digitBits];
        for (int shift = from; shift < from + bits; shift += digitBits)
        {
            Array.Clear(next);
            foreach (ulong key in keys) next[(int)(key >> shift) & digitMask]++;
            for (int d = 0, sum = 0; d < next.Length; d++) (next[d], sum) = (sum, sum + next[d]);
            for (int i = 0; i < count; i++)
            {
                int at = next[(int)(keys[i] >> shift) & digitMask]++;
                keysOut[at] = keys[i];
                if (companionOut is not null) companionOut[at] = companionIn![i];
            }
            (keys, keysOut) = (keysOut, keys);
            (companionIn, companionOut) = (companionOut, companionIn);
        }
        if (companion is not null && !ReferenceEquals(companionIn, companion)) companionIn!.CopyTo(companion, 0);
        return keys;
    }

    /// <summary>Entry v = index of the first of the sorted <paramref name="keys"/> whose prefix (key >> shift) is ≥ v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint[] Directory(ulong[] keys, int shift, int entries)
    {
        var directory = new uint[entries];
        foreach (ulong key in keys) directory[(int)(key >> shift) + 1]++;
        for (int v = 1; v < entries; v++) directory[v] += directory[v - 1];
        return directory;
    }
}
