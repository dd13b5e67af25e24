using Sigah.Core.Codes;
using Sigah.Index;

namespace Sigah.Server.Collections;

/// <summary>
/// A segment that no longer grows: a <see cref="HammingIndex"/> (ids ascending) with its multi-index tables built
/// when it is large enough for them to pay, searched with its tombstones excluded by the scan itself.
/// </summary>
internal sealed class SealedSegment : Segment
{
    /// <summary>Below this many rows a linear scan beats building and probing multi-index tables.</summary>
    public const int MihRows = 32_768;

    private readonly HammingIndex _index;
    private readonly float[]? _vectors;

    /// <summary>A segment over <paramref name="index"/>, whose tables must already be built if it has <see cref="MihRows"/> rows or more.</summary>
    public SealedSegment(HammingIndex index, float[]? vectors, ulong[]? deleted = null, int deletedCount = 0) : base(deleted, deletedCount)
    {
        _index = index;
        _vectors = vectors;
    }

    /// <summary>Builds a sealed segment from rows sorted by id (the tables built here when it is large).</summary>
    public static SealedSegment Build(int bits, long[] ids, byte[] codes, float[]? vectors)
    {
        var index = new HammingIndex(bits, ids, codes, null, null);
        if (ids.Length >= MihRows) index.BuildMihTables();
        return new SealedSegment(index, vectors);
    }

    /// <summary>The index (ids ascending).</summary>
    public HammingIndex Index => _index;

    /// <inheritdoc/>
    public override int Count => _index.Count;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> Ids => _index.Ids;

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Codes => _index.Codes;

    /// <inheritdoc/>
    public override float[]? Vectors => _vectors;

    /// <inheritdoc/>
    public override object Identity => _index;

    /// <inheritdoc/>
    public override int Find(long id)
    {
        int row = _index.Ids.BinarySearch(id);
        return row >= 0 && !IsDeleted(row) ? row : -1;
    }

    /// <inheritdoc/>
    public override int Locate(long id) => Find(id);

    /// <inheritdoc/>
    public override Segment WithDeleted(ulong[] deleted, int deletedCount) => new SealedSegment(_index, _vectors, deleted, deletedCount);

    /// <inheritdoc/>
    public override void Search(PackedCodes queries, int k, int threads, List<Hit>[] hits)
    {
        if (Live == 0) return;
        var method = _index.Tables is null ? SearchMethod.Linear : SearchMethod.Mih;
        var result = _index.Search(queries, Math.Min(k, Live), new SearchOptions(method, threads), Deleted);
        var ids = _index.Ids;
        for (int q = 0; q < queries.Count; q++)
        {
            var found = result.IdsOf(q);
            var distances = result.DistancesOf(q);
            for (int j = 0; j < found.Length && found[j] >= 0; j++)
                hits[q].Add(new Hit(distances[j], found[j], this, ids.BinarySearch(found[j])));
        }
    }
}
