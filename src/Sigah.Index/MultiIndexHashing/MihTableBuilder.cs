namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Builds multi-index tables: per table, the keys of all codes, a stable least-significant-digit radix sort of
/// the positions by key (11-bit digits, so two passes for keys of up to 22 bits; stable, so equal keys keep
/// ascending positions), the prefix directory from the sorted keys, and the positions packed. Tables are built
/// in parallel. Cost: O(m · n · ⌈L/11⌉) time, 24 bytes per code of scratch per table being built.
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
                var (positions, keys) = SortedByKey((byte*)codeAddress, count, layout, t);
                directories[t] = Directory(keys, shape.PrefixShift(t), shape.DirectoryEntries);
                PackedPostings.Write(positions, shape.PostingBits, data.AsSpan((int)shape.PostingsOffset(t)));
            });
        }
        for (int t = 0; t < layout.Count; t++)
            directories[t].AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data.AsSpan((int)shape.DirectoryOffset(t))));
        return data;
    }

    /// <summary>Positions 0..n-1 ordered by (key of table <paramref name="table"/>, position), and their keys in that order.</summary>
    private static (int[] Positions, ulong[] Keys) SortedByKey(byte* codes, int count, SubstringLayout layout, int table)
    {
        int bytes = layout.Bits / 8;
        var reader = layout.Reader(table);
        var keys = new ulong[count];
        var positions = new int[count];
        for (int p = 0; p < count; p++)
        {
            keys[p] = reader.Read(codes + (nint)p * bytes);
            positions[p] = p;
        }
        var keysOut = new ulong[count];
        var positionsOut = new int[count];
        var histogram = new int[1 << DigitBits];
        for (int shift = 0; shift < layout.Length(table); shift += DigitBits)
        {
            Array.Clear(histogram);
            foreach (ulong key in keys) histogram[(int)(key >> shift) & ((1 << DigitBits) - 1)]++;
            for (int d = 0, sum = 0; d < histogram.Length; d++) (histogram[d], sum) = (sum, sum + histogram[d]);
            for (int i = 0; i < count; i++)
            {
                int at = histogram[(int)(keys[i] >> shift) & ((1 << DigitBits) - 1)]++;
                keysOut[at] = keys[i];
                positionsOut[at] = positions[i];
            }
            (keys, keysOut) = (keysOut, keys);
            (positions, positionsOut) = (positionsOut, positions);
        }
        return (positions, keys);
    }

    /// <summary>Entry v = index of the first of the sorted <paramref name="keys"/> whose prefix (key >> shift) is ≥ v.</summary>
    private static uint[] Directory(ulong[] keys, int shift, int entries)
    {
        var directory = new uint[entries];
        foreach (ulong key in keys) directory[(int)(key >> shift) + 1]++;
        for (int v = 1; v < entries; v++) directory[v] += directory[v - 1];
        return directory;
    }
}
