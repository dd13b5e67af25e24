using System.Collections.Immutable;
using Sigah.Index.Scan;
using Sigah.Server.Storage;

namespace Sigah.Server.Collections;

/// <summary>
/// The writer's way to change a <see cref="CollectionState"/>: applies log records (upserts replace a live id wherever
/// it is, deletes leave tombstones) and builds the next state, copying each segment's tombstones at most once per
/// group of writes. Rows go to the growing segment, which is frozen (left for the merger to seal) once it holds
/// <c>sealRows</c> rows.
/// </summary>
internal sealed class StateBuilder
{
    private readonly List<Segment> _segments;
    private readonly Dictionary<int, (ulong[] Bits, int Count)> _deleted = [];
    private readonly int _bytesPerCode, _dimension, _sealRows;
    private GrowingRows? _growing;

    /// <summary>Starts from <paramref name="state"/>; the last segment is the growing one when it is a non-frozen <see cref="GrowingSegment"/>.</summary>
    public StateBuilder(CollectionState state, int bytesPerCode, int dimension, int sealRows)
    {
        _segments = [.. state.Segments];
        _bytesPerCode = bytesPerCode;
        _dimension = dimension;
        _sealRows = sealRows;
        if (_segments.Count > 0 && _segments[^1] is GrowingSegment { Rows.Frozen: false } last) _growing = last.Rows;
    }

    /// <summary>True when a growing segment was frozen by this builder (the merger has work).</summary>
    public bool Froze { get; private set; }

    /// <summary>Applies one record; returns how many ids it added (upsert) or removed (delete).</summary>
    public int Apply(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Kind == LogRecordKind.Delete)
        {
            int removed = 0;
            foreach (long id in record.Ids) if (Remove(id)) removed++;
            return removed;
        }
        for (int i = 0; i < record.Count; i++)
        {
            long id = record.Ids[i];
            Remove(id);
            var rows = Growing();
            var vector = record.Vectors is null ? ReadOnlySpan<float>.Empty : record.Vectors.AsSpan(i * _dimension, _dimension);
            rows.Append(id, record.Codes.AsSpan(i * _bytesPerCode, _bytesPerCode), vector);
        }
        return record.Count;
    }

    /// <summary>Replaces the segments whose identities are <paramref name="inputs"/> by <paramref name="output"/> (dropped when it holds no live row).</summary>
    public void Replace(IReadOnlyCollection<object> inputs, Segment output)
    {
        Flush();
        int at = _segments.FindIndex(s => inputs.Contains(s.Identity));
        _segments.RemoveAll(s => inputs.Contains(s.Identity));
        if (output.Live > 0) _segments.Insert(Math.Max(0, Math.Min(at, _segments.Count)), output);
    }

    /// <summary>The current segment whose identity is <paramref name="identity"/>, or null.</summary>
    public Segment? Find(object identity)
    {
        Flush();
        return _segments.Find(s => s.Identity == identity);
    }

    /// <summary>The state after everything applied, at log position <paramref name="lsn"/>.</summary>
    public CollectionState Build(long lsn)
    {
        Flush();
        return new CollectionState([.. _segments], lsn);
    }

    private bool Remove(long id)
    {
        for (int s = _segments.Count - 1; s >= 0; s--)
        {
            int row = _segments[s].Find(id);
            if (row < 0 || IsPendingDeleted(s, row)) continue;
            MarkDeleted(s, row);
            if (_segments[s] is GrowingSegment growing) growing.Rows.Rows.Remove(id);
            return true;
        }
        if (_growing is not null && _growing.Rows.TryGetValue(id, out int fresh) && !IsPendingDeleted(_segments.Count - 1, fresh))
        {
            // Appended by this builder and not yet in a view: the view made at Flush covers it.
            MarkDeleted(_segments.Count - 1, fresh);
            _growing.Rows.Remove(id);
            return true;
        }
        return false;
    }

    private bool IsPendingDeleted(int segment, int row) =>
        _deleted.TryGetValue(segment, out var pending) ? PositionBits.Contains(pending.Bits, row) : _segments[segment].IsDeleted(row);

    private void MarkDeleted(int segment, int row)
    {
        if (!_deleted.TryGetValue(segment, out var pending))
        {
            var current = _segments[segment];
            int capacity = current is GrowingSegment g ? g.Rows.Ids.Length : current.Count;
            var bits = new ulong[PositionBits.Words(Math.Max(capacity, row + 1))];
            current.Deleted?.AsSpan(0, Math.Min(current.Deleted.Length, bits.Length)).CopyTo(bits);
            pending = (bits, current.DeletedCount);
        }
        if (pending.Bits.Length <= row >> 6)
        {
            var bits = new ulong[PositionBits.Words(Math.Max(row + 1, pending.Bits.Length * 128))];
            pending.Bits.CopyTo(bits, 0);
            pending.Bits = bits;
        }
        PositionBits.Add(pending.Bits, row);
        _deleted[segment] = (pending.Bits, pending.Count + 1);
    }

    private GrowingRows Growing()
    {
        if (_growing is not null && _growing.Count >= _sealRows)
        {
            Flush();
            _growing.Frozen = true;
            Froze = true;
            _growing = null;
        }
        if (_growing is null)
        {
            Flush();
            _growing = new GrowingRows(_bytesPerCode, _dimension);
            _segments.Add(new GrowingSegment(_growing, null, 0));
        }
        return _growing;
    }

    /// <summary>Turns pending tombstones and appended rows into new segment views.</summary>
    private void Flush()
    {
        int last = _segments.Count - 1;
        foreach (var (segment, pending) in _deleted)
            if (segment != last || _growing is null) _segments[segment] = _segments[segment].WithDeleted(pending.Bits, pending.Count);
        if (_growing is not null)
        {
            var deleted = _deleted.TryGetValue(last, out var pending) ? pending : (_segments[last].Deleted, _segments[last].DeletedCount);
            _segments[last] = new GrowingSegment(_growing, deleted.Item1, deleted.Item2);
        }
        _deleted.Clear();
    }
}
