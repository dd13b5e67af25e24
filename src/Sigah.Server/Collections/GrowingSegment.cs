using Sigah.Core.Codes;
using Sigah.Core.Hamming;

namespace Sigah.Server.Collections;

/// <summary>
/// A view of the first <see cref="Count"/> rows of a <see cref="GrowingRows"/>: small (at most the seal size), so it
/// is searched by computing every distance, and sealed into a <see cref="SealedSegment"/> in the background once full.
/// </summary>
internal sealed class GrowingSegment : Segment
{
    private readonly long[] _ids;
    private readonly byte[] _codes;
    private readonly float[]? _vectors;
    private readonly int _count;

    /// <summary>A view of the rows <paramref name="rows"/> holds now.</summary>
    public GrowingSegment(GrowingRows rows, ulong[]? deleted, int deletedCount) : base(deleted, deletedCount)
    {
        Rows = rows;
        _ids = rows.Ids;
        _codes = rows.Codes;
        _vectors = rows.Vectors;
        _count = rows.Count;
    }

    /// <summary>The storage behind the view.</summary>
    public GrowingRows Rows { get; }

    /// <inheritdoc/>
    public override int Count => _count;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> Ids => _ids.AsSpan(0, _count);

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Codes => _codes.AsSpan(0, _count * Rows.BytesPerCode);

    /// <inheritdoc/>
    public override float[]? Vectors => _vectors;

    /// <inheritdoc/>
    public override object Identity => Rows;

    /// <inheritdoc/>
    public override int Find(long id) => Rows.Rows.TryGetValue(id, out int row) && row < _count && !IsDeleted(row) ? row : -1;

    /// <inheritdoc/>
    public override int Locate(long id)
    {
        for (int row = _count - 1; row >= 0; row--)
            if (_ids[row] == id && !IsDeleted(row)) return row;
        return -1;
    }

    /// <inheritdoc/>
    public override Segment WithDeleted(ulong[] deleted, int deletedCount) => new GrowingSegment(Rows, _count, _ids, _codes, _vectors, deleted, deletedCount);

    private GrowingSegment(GrowingRows rows, int count, long[] ids, byte[] codes, float[]? vectors, ulong[] deleted, int deletedCount)
        : base(deleted, deletedCount)
    {
        Rows = rows;
        _count = count;
        _ids = ids;
        _codes = codes;
        _vectors = vectors;
    }

    /// <inheritdoc/>
    public override void Search(PackedCodes queries, int k, int threads, List<Hit>[] hits)
    {
        if (Live == 0) return;
        var distances = new int[_count];
        var histogram = new int[queries.Bits + 2];
        var ties = new List<Hit>();
        for (int q = 0; q < queries.Count; q++)
        {
            HammingDistance.OneToMany(queries.Code(q), Codes, distances);
            // The k-th distance from a histogram, then one pass: no sort of every row.
            Array.Clear(histogram);
            for (int row = 0; row < _count; row++)
                if (!IsDeleted(row)) histogram[distances[row]]++;
            int limit = 0, below = 0;
            while (limit <= queries.Bits && below + histogram[limit] < k) below += histogram[limit++];
            ties.Clear();
            for (int row = 0; row < _count; row++)
            {
                if (IsDeleted(row) || distances[row] > limit) continue;
                var hit = new Hit(distances[row], _ids[row], this, row);
                if (distances[row] < limit) hits[q].Add(hit);
                else ties.Add(hit);
            }
            ties.Sort();
            hits[q].AddRange(ties.Count > k - below ? ties.GetRange(0, k - below) : ties);
        }
    }
}
