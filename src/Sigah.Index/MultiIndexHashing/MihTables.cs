using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// The hash tables of multi-index hashing, one per substring, laid out as <see cref="MihTableShape"/> describes:
/// per table a small prefix directory and the code positions bit-packed, ordered by (substring key, position).
/// Keys are read from the codes, so bucket v of a table is found by binary search for v inside the directory
/// range of v's top bits. Together the tables take no more than the codes themselves for the default shape.
/// </summary>
internal sealed class MihTables
{
    private readonly ReadOnlyMemory<byte> _data;

    /// <summary>
    /// Wraps existing tables (as read from an index file): <paramref name="data"/> holds <see cref="MihTableShape.SizeInBytes"/>
    /// bytes followed by at least <see cref="ReadSlack"/> readable bytes, which postings reads may touch.
    /// </summary>
    public MihTables(MihTableShape shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (data.Length < shape.SizeInBytes + ReadSlack)
            throw new ArgumentException($"tables hold {data.Length} bytes, expected {shape.SizeInBytes} + {ReadSlack}", nameof(data));
        Shape = shape;
        _data = data;
    }

    /// <summary>Readable bytes needed after the tables.</summary>
    public const int ReadSlack = PackedPostings.ReadSlack;

    /// <summary>Sizes and offsets of the tables.</summary>
    public MihTableShape Shape { get; }

    /// <summary>How codes are cut into substrings.</summary>
    public SubstringLayout Layout => Shape.Layout;

    /// <summary>Number of codes indexed.</summary>
    public int Count => Shape.Count;

    /// <summary>Bytes the tables occupy (in memory and in an index file).</summary>
    public long SizeInBytes => Shape.SizeInBytes;

    /// <summary>The tables as stored: <see cref="SizeInBytes"/> bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _data.Span[..checked((int)SizeInBytes)];

    /// <summary>Prefix directory of table <paramref name="table"/>: <see cref="MihTableShape.DirectoryEntries"/> entries.</summary>
    public ReadOnlySpan<uint> Directory(int table) =>
        MemoryMarshal.Cast<byte, uint>(_data.Span.Slice((int)Shape.DirectoryOffset(table), 4 * Shape.DirectoryEntries));

    /// <summary>Posting <paramref name="entry"/> of table <paramref name="table"/>: a code position.</summary>
    public unsafe int Position(int table, int entry)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)table, (uint)Layout.Count, nameof(table));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)entry, (uint)Count, nameof(entry));
        using var pin = _data.Pin();
        return PackedPostings.Read((byte*)pin.Pointer + Shape.PostingsOffset(table), entry, Shape.PostingBits);
    }

    /// <summary>Pins the tables for a search; the pointer is the first byte of table 0.</summary>
    internal MemoryHandle Pin() => _data.Pin();

    /// <summary>
    /// What is wrong with tables read from a file, or null when every table is consistent: directories run from
    /// 0 to <see cref="Count"/> without decreasing, and every posting names a code. Search indexes by these
    /// values, so a file whose checksum was forged to match damaged tables must be caught here. (The order of
    /// postings is not checked: it takes a read of every code per table, and a wrong order can only make answers
    /// wrong, never read outside the index.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per open, over every posting
    public unsafe string? FindInconsistency()
    {
        for (int t = 0; t < Layout.Count; t++)
        {
            var directory = Directory(t);
            if (directory[0] != 0 || directory[^1] != Count) return $"table {t} directory does not cover the {Count} codes";
            for (int v = 1; v < directory.Length; v++)
                if (directory[v] < directory[v - 1]) return $"table {t} prefix {v} starts before prefix {v - 1}";
        }
        int width = Shape.PostingBits;
        if (Count == 1 << width) return null; // every w-bit value names a code
        using var pin = _data.Pin();
        for (int t = 0; t < Layout.Count; t++)
        {
            byte* postings = (byte*)pin.Pointer + Shape.PostingsOffset(t);
            for (int e = 0; e < Count; e++)
            {
                int position = PackedPostings.Read(postings, e, width);
                if (position >= Count) return $"table {t} posting {e} names code {position} of {Count}";
            }
        }
        return null;
    }

    /// <summary>Builds the tables of <paramref name="shape"/> for the codes in <paramref name="codes"/> (<c>Count × bits/8</c> bytes).</summary>
    public static MihTables Build(ReadOnlySpan<byte> codes, MihTableShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new MihTables(shape, MihTableBuilder.Build(codes, shape));
    }
}
