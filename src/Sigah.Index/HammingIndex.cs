using Sigah.Core.Codes;
using Sigah.Index.MultiIndexHashing;
using Sigah.Index.Scan;

namespace Sigah.Index;

/// <summary>
/// Binary codes with int64 user ids, searched exactly by linear scan or multi-index hashing. Codes are kept in
/// ascending id order, so "ties by the smaller id" is "ties by the smaller position" inside the scans. Memory:
/// bits/8 + 8 bytes per code, plus the multi-index tables when built (<see cref="MihTables.SizeInBytes"/>, no more
/// than the codes for the default shape). Adding or removing codes drops the tables; they are rebuilt (in full:
/// <see cref="BuildMihTables(int)"/>) by the next multi-index search, or explicitly.
/// An index opened from a file (<see cref="Open"/>) reads its arrays straight from the memory-mapped file until
/// it is changed; dispose it to release the mapping. Every member of a disposed index throws
/// <see cref="ObjectDisposedException"/> (its spans would point into unmapped memory).
/// </summary>
public sealed class HammingIndex : IBinaryIndex, IDisposable
{
    private ReadOnlyMemory<long> _ids;
    private ReadOnlyMemory<byte> _codes;
    private MihTables? _tables;
    private IDisposable? _mapping;
    private readonly int _bits;
    private bool _disposed;

    /// <summary>An empty index of <paramref name="bits"/>-bit codes.</summary>
    public HammingIndex(int bits) : this(bits, ReadOnlyMemory<long>.Empty, ReadOnlyMemory<byte>.Empty, null, null) { }

    internal HammingIndex(int bits, ReadOnlyMemory<long> ids, ReadOnlyMemory<byte> codes, MihTables? tables, IDisposable? mapping)
    {
        if (bits <= 0 || bits % 8 != 0 || bits > PackedCodes.MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"bits must be a positive multiple of 8 up to {PackedCodes.MaxBits}");
        _bits = bits;
        _ids = ids;
        _codes = codes;
        _tables = tables;
        _mapping = mapping;
    }

    /// <summary>An index over <paramref name="codes"/> (not copied) with ids 0..n-1.</summary>
    public static HammingIndex FromCodes(PackedCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var ids = new long[codes.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = i;
        return new HammingIndex(codes.Bits, ids, codes.Data, null, null);
    }

    /// <summary>Opens an index file written by <see cref="Save"/>, memory-mapped and checksum-verified.</summary>
    public static HammingIndex Open(string path) => IndexFile.Open(path);

    /// <summary>Writes the index (with its multi-index tables if built) to <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        ThrowIfDisposed();
        IndexFile.Write(path, this);
    }

    /// <inheritdoc/>
    public int Bits => ThrowIfDisposed(_bits);

    /// <summary>Bytes per code.</summary>
    public int BytesPerCode => Bits / 8;

    /// <inheritdoc/>
    public int Count => ThrowIfDisposed(_ids.Length);

    /// <summary>Ids in ascending order; code i belongs to id i.</summary>
    public ReadOnlySpan<long> Ids => ThrowIfDisposed(_ids).Span;

    /// <summary>The codes, <see cref="Count"/> × <see cref="BytesPerCode"/> bytes, in id order.</summary>
    public ReadOnlySpan<byte> Codes => ThrowIfDisposed(_codes).Span;

    /// <summary>The multi-index tables, or null until built (a change to the codes drops them).</summary>
    internal MihTables? Tables => ThrowIfDisposed(_tables);

    /// <summary>
    /// Builds the multi-index tables with <paramref name="substrings"/> substrings (0 = the default for the size,
    /// the default shape, whose tables take no more bytes than the codes; an explicit count may
    /// take more, m·⌈log2 n⌉ bits per code plus directories). Cost: a radix sort of the n codes per table, the
    /// tables built in parallel (about 0.1 s of cpu for 1M 64-bit codes).
    /// </summary>
    public void BuildMihTables(int substrings = 0)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(substrings);
        var shape = substrings == 0 ? MihTableShape.Default(Bits, Count) : MihTableShape.For(new SubstringLayout(Bits, substrings), Count);
        _tables = MihTables.Build(Codes, shape);
    }

    /// <summary>
    /// Builds the multi-index tables in an explicit <paramref name="shape"/> (for <see cref="Bits"/>-bit codes and
    /// <see cref="Count"/> codes), e.g. a prefix length other than the one <see cref="MihTableShape.For"/> picks.
    /// </summary>
    internal void BuildMihTables(MihTableShape shape)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Layout.Bits != Bits || shape.Count != Count)
            throw new ArgumentException($"shape is for {shape.Count} codes of {shape.Layout.Bits} bits, the index holds {Count} codes of {Bits} bits", nameof(shape));
        _tables = MihTables.Build(Codes, shape);
    }

    /// <summary>Adds codes with ids one past the largest id held (0 for an empty index).</summary>
    public void Add(PackedCodes codes)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(codes);
        long next = Count == 0 ? 0 : Ids[^1] + 1;
        var ids = new long[codes.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = next + i;
        Add(codes, ids);
    }

    /// <inheritdoc/>
    public void Add(PackedCodes codes, ReadOnlySpan<long> ids)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(codes);
        CheckBits(codes.Bits, nameof(codes));
        if (ids.Length != codes.Count) throw new ArgumentException($"{ids.Length} ids for {codes.Count} codes", nameof(ids));
        var order = new int[ids.Length];
        var newIds = ids.ToArray();
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(newIds, order);
        for (int i = 0; i < newIds.Length; i++)
        {
            if (newIds[i] < 0) throw new ArgumentException($"id {newIds[i]} is negative", nameof(ids));
            if (i > 0 && newIds[i] == newIds[i - 1]) throw new ArgumentException($"id {newIds[i]} is given twice", nameof(ids));
        }
        var oldIds = Ids;
        var oldCodes = Codes;
        int bytes = BytesPerCode, total = checked(oldIds.Length + newIds.Length);
        var mergedIds = new long[total];
        var mergedCodes = new byte[checked((long)total * bytes)];
        int a = 0, b = 0;
        for (int o = 0; o < total; o++)
        {
            bool takeOld = b == newIds.Length || (a < oldIds.Length && oldIds[a] < newIds[b]);
            if (!takeOld && a < oldIds.Length && oldIds[a] == newIds[b])
                throw new ArgumentException($"id {newIds[b]} is already in the index", nameof(ids));
            if (takeOld)
            {
                mergedIds[o] = oldIds[a];
                oldCodes.Slice(a++ * bytes, bytes).CopyTo(mergedCodes.AsSpan(o * bytes));
            }
            else
            {
                mergedIds[o] = newIds[b];
                codes.Code(order[b++]).CopyTo(mergedCodes.AsSpan(o * bytes));
            }
        }
        Replace(mergedIds, mergedCodes);
    }

    /// <inheritdoc/>
    public int Remove(ReadOnlySpan<long> ids)
    {
        ThrowIfDisposed();
        var gone = new HashSet<long>(ids.ToArray());
        var keptIds = new List<long>(Count);
        var keptCodes = new List<int>(Count);
        var current = Ids;
        for (int i = 0; i < current.Length; i++)
        {
            if (gone.Contains(current[i])) continue;
            keptIds.Add(current[i]);
            keptCodes.Add(i);
        }
        int removed = Count - keptIds.Count;
        if (removed == 0) return 0;
        int bytes = BytesPerCode;
        var codes = new byte[(long)keptIds.Count * bytes];
        for (int i = 0; i < keptCodes.Count; i++) Codes.Slice(keptCodes[i] * bytes, bytes).CopyTo(codes.AsSpan(i * bytes));
        Replace(keptIds.ToArray(), codes);
        return removed;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        ThrowIfDisposed();
        Replace([], []);
    }

    /// <inheritdoc/>
    public HammingKnnResult Search(PackedCodes queries, int k, SearchOptions? options = null) => Search(queries, k, options, null);

    /// <summary>
    /// As <see cref="Search(PackedCodes, int, SearchOptions?)"/>, never answering the positions in
    /// <paramref name="excluded"/> (<see cref="PositionBits"/> over <see cref="Count"/> codes; deleted codes that are
    /// still stored; a bitmap shorter than the codes excludes none past its end), so a caller can delete without
    /// rebuilding the tables.
    /// </summary>
    internal HammingKnnResult Search(PackedCodes queries, int k, SearchOptions? options, ulong[]? excluded)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(queries);
        CheckBits(queries.Bits, nameof(queries));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        options ??= SearchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads, nameof(options));
        var tables = options.Method == SearchMethod.Mih ? EnsureTables() : null;
        int[] positions, distances;
        unsafe
        {
            using var pin = _codes.Pin();
            fixed (byte* query = queries.Data)
            {
                byte* codes = (byte*)pin.Pointer;
                (positions, distances) = tables is null
                    ? KnnScan.Run(codes, Count, BytesPerCode, query, queries.Count, k, options.Threads, excluded: excluded)
                    : MihSearch.Knn(codes, Count, BytesPerCode, tables, query, queries.Count, k, options.Threads, excluded);
            }
        }
        var ids = Ids;
        var resultIds = new long[positions.Length];
        for (int i = 0; i < positions.Length; i++) resultIds[i] = positions[i] < 0 ? -1 : ids[positions[i]];
        return new HammingKnnResult(queries.Count, k, resultIds, distances);
    }

    /// <inheritdoc/>
    public HammingRangeResult RangeSearch(PackedCodes queries, int radius, SearchOptions? options = null)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(queries);
        CheckBits(queries.Bits, nameof(queries));
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        options ??= SearchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads, nameof(options));
        var tables = options.Method == SearchMethod.Mih ? EnsureTables() : null;
        List<long>[] hits;
        unsafe
        {
            using var pin = _codes.Pin();
            fixed (byte* query = queries.Data)
            {
                byte* codes = (byte*)pin.Pointer;
                hits = tables is null
                    ? RadiusScan.Run(codes, Count, BytesPerCode, query, queries.Count, radius, options.Threads)
                    : MihSearch.Radius(codes, Count, BytesPerCode, tables, query, queries.Count, radius, options.Threads);
            }
        }
        return HammingRangeResult.FromKeys(hits, Ids);
    }

    /// <summary>Releases the memory-mapped file, if any (the index must not be used afterwards unless changed).</summary>
    public void Dispose()
    {
        _disposed = true;
        ReleaseMapping();
    }

    private MihTables EnsureTables()
    {
        if (_tables is null) BuildMihTables();
        return _tables!;
    }

    private void Replace(long[] ids, byte[] codes)
    {
        _ids = ids;
        _codes = codes;
        _tables = null;
        ReleaseMapping();
    }

    private void ReleaseMapping()
    {
        _mapping?.Dispose();
        _mapping = null;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private T ThrowIfDisposed<T>(T value)
    {
        ThrowIfDisposed();
        return value;
    }

    private void CheckBits(int bits, string parameter)
    {
        if (bits != _bits) throw new ArgumentException($"codes have {bits} bits, the index holds {_bits}-bit codes", parameter);
    }
}
