namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// The hash tables of multi-index hashing, one per substring, each in compressed-row form: the positions of
/// all codes ordered by their substring value (ascending position within a bucket), and for every value v of
/// an L-bit substring the start of its bucket, so bucket v is <c>Positions[Starts[v] .. Starts[v+1]]</c>.
/// A table takes 4 bytes per code plus 4 × (2^L + 1) bytes.
/// </summary>
public sealed class MihTables
{
    private readonly ReadOnlyMemory<int>[] _starts;
    private readonly ReadOnlyMemory<int>[] _positions;

    /// <summary>Wraps existing tables (as read from an index file); lengths are checked.</summary>
    public MihTables(SubstringLayout layout, int count, ReadOnlyMemory<int>[] starts, ReadOnlyMemory<int>[] positions)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (starts.Length != layout.Count || positions.Length != layout.Count)
            throw new ArgumentException($"expected {layout.Count} tables", nameof(starts));
        for (int i = 0; i < layout.Count; i++)
        {
            if (starts[i].Length != StartsLength(layout, i))
                throw new ArgumentException($"table {i} has {starts[i].Length} bucket starts, expected {StartsLength(layout, i)}", nameof(starts));
            if (positions[i].Length != count)
                throw new ArgumentException($"table {i} has {positions[i].Length} positions, expected {count}", nameof(positions));
        }
        Layout = layout;
        Count = count;
        _starts = starts;
        _positions = positions;
    }

    /// <summary>How codes are cut into substrings.</summary>
    public SubstringLayout Layout { get; }

    /// <summary>Number of codes indexed.</summary>
    public int Count { get; }

    /// <summary>Bucket starts of table <paramref name="table"/>: 2^L + 1 entries.</summary>
    public ReadOnlySpan<int> Starts(int table) => _starts[table].Span;

    /// <summary>Positions of table <paramref name="table"/> ordered by bucket: <see cref="Count"/> entries.</summary>
    public ReadOnlySpan<int> Positions(int table) => _positions[table].Span;

    /// <summary>Bytes the tables occupy.</summary>
    public long SizeInBytes
    {
        get
        {
            long total = 0;
            for (int i = 0; i < Layout.Count; i++) total += 4L * (_starts[i].Length + _positions[i].Length);
            return total;
        }
    }

    /// <summary>
    /// What is wrong with tables read from a file, or null when every table is consistent: bucket starts run
    /// from 0 to <see cref="Count"/> without decreasing, and every position names a code. Search indexes by
    /// these values, so a file whose checksum was forged to match damaged tables must be caught here.
    /// </summary>
    public string? FindInconsistency()
    {
        for (int t = 0; t < Layout.Count; t++)
        {
            var starts = Starts(t);
            if (starts[0] != 0 || starts[^1] != Count) return $"table {t} buckets do not cover the {Count} codes";
            for (int v = 1; v < starts.Length; v++)
                if (starts[v] < starts[v - 1]) return $"table {t} bucket {v} starts before bucket {v - 1}";
            foreach (int position in Positions(t))
                if ((uint)position >= (uint)Count) return $"table {t} names code {position} of {Count}";
        }
        return null;
    }

    /// <summary>Entries of the starts array of table <paramref name="table"/>.</summary>
    public static int StartsLength(SubstringLayout layout, int table) => checked((1 << layout.Length(table)) + 1);

    /// <summary>Builds the tables for the <paramref name="count"/> codes in <paramref name="codes"/> by a counting sort per table.</summary>
    public static MihTables Build(ReadOnlySpan<byte> codes, int count, SubstringLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int bytes = layout.Bits / 8;
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes hold {codes.Length} bytes, expected {count} × {bytes}", nameof(codes));
        var starts = new ReadOnlyMemory<int>[layout.Count];
        var positions = new ReadOnlyMemory<int>[layout.Count];
        var keys = new uint[count];
        for (int t = 0; t < layout.Count; t++)
        {
            var start = new int[StartsLength(layout, t)];
            for (int p = 0; p < count; p++)
            {
                keys[p] = layout.Extract(codes.Slice(p * bytes, bytes), t);
                start[keys[p] + 1]++;
            }
            for (int v = 1; v < start.Length; v++) start[v] += start[v - 1];
            var order = new int[count];
            var next = start.AsSpan(0, start.Length - 1).ToArray();
            for (int p = 0; p < count; p++) order[next[keys[p]]++] = p;
            starts[t] = start;
            positions[t] = order;
        }
        return new MihTables(layout, count, starts, positions);
    }
}
