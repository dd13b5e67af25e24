using System.Collections.Immutable;

namespace Sigah.Server.Collections;

/// <summary>
/// What a collection holds at one log position: its segments (sealed ones, frozen growing ones waiting to be sealed,
/// and the growing one rows are appended to, last). Immutable: the writer publishes a new state after each group of
/// writes and searches read whichever state is current when they start.
/// </summary>
internal sealed class CollectionState(ImmutableArray<Segment> segments, long lsn)
{
    /// <summary>An empty collection.</summary>
    public static CollectionState Empty { get; } = new([], 0);

    /// <summary>The segments.</summary>
    public ImmutableArray<Segment> Segments { get; } = segments;

    /// <summary>Sequence number of the last log record applied.</summary>
    public long Lsn { get; } = lsn;

    /// <summary>Live rows.</summary>
    public int Count { get; } = segments.Sum(s => s.Live);

    /// <summary>Deleted rows still stored (until merges drop them).</summary>
    public int DeletedCount => Segments.Sum(s => s.DeletedCount);
}
