using Sigah.Core.Codes;
using Sigah.Index.Scan;

namespace Sigah.Server.Collections;

/// <summary>
/// An immutable view of some of a collection's rows: ids, codes, optionally vectors, and which rows are deleted
/// (tombstones, kept until a merge rewrites the segment). A change makes a new view; searches hold the views of the
/// state they started on, so they never see half a write.
/// </summary>
internal abstract class Segment(ulong[]? deleted, int deletedCount)
{
    /// <summary>Rows stored, deleted ones included.</summary>
    public abstract int Count { get; }

    /// <summary>Id of each row.</summary>
    public abstract ReadOnlySpan<long> Ids { get; }

    /// <summary>Codes of the rows, <see cref="Count"/> × bytes per code.</summary>
    public abstract ReadOnlySpan<byte> Codes { get; }

    /// <summary>Vectors of the rows, row-major (at least <see cref="Count"/> × dimension floats), or null when not kept.</summary>
    public abstract float[]? Vectors { get; }

    /// <summary>The object that stays the same across the views of one segment (what a merge replaces).</summary>
    public abstract object Identity { get; }

    /// <summary>Deleted rows (<see cref="PositionBits"/>), or null when none.</summary>
    public ulong[]? Deleted { get; } = deleted;

    /// <summary>Number of deleted rows.</summary>
    public int DeletedCount { get; } = deletedCount;

    /// <summary>Rows not deleted.</summary>
    public int Live => Count - DeletedCount;

    /// <summary>True when row <paramref name="row"/> is deleted.</summary>
    public bool IsDeleted(int row) => PositionBits.Contains(Deleted, row);

    /// <summary>The row of <paramref name="id"/> if this segment holds it live, else -1 (for the collection's writer only).</summary>
    public abstract int Find(long id);

    /// <summary>As <see cref="Find"/>, from any thread: reads only this view.</summary>
    public abstract int Locate(long id);

    /// <summary>The same rows with <paramref name="deleted"/> as their tombstones.</summary>
    public abstract Segment WithDeleted(ulong[] deleted, int deletedCount);

    /// <summary>
    /// Adds to <paramref name="hits"/>[q] this segment's <paramref name="k"/> nearest live rows to query q (or fewer),
    /// ranked by (distance, id).
    /// </summary>
    public abstract void Search(PackedCodes queries, int k, int threads, List<Hit>[] hits);
}

/// <summary>A row found by a search: its Hamming distance, id, and where it is stored.</summary>
internal readonly record struct Hit(int Distance, long Id, Segment Segment, int Row) : IComparable<Hit>
{
    /// <summary>Nearest first, equal distances by the smaller id.</summary>
    public int CompareTo(Hit other) => Distance != other.Distance ? Distance.CompareTo(other.Distance) : Id.CompareTo(other.Id);
}
