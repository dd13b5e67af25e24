using Sigah.Index.Scan;

namespace Sigah.Server.Collections;

/// <summary>
/// What the merger does: picks segments to merge and writes their live rows, sorted by id, into one new
/// <see cref="SealedSegment"/>. The policy is a binary counter: full growing segments, or two sealed segments within
/// a factor of two of each other, are merged with every sealed segment no more than twice their size so far, so the
/// sizes grow geometrically (O(log n) segments, each row rewritten O(log n) times); once the smaller segments hold an
/// eighth of the largest, all are merged into one, so a search mostly meets a single large index; a segment more than
/// a quarter deleted is rewritten to drop its tombstones.
/// </summary>
internal static class SegmentMerge
{
    /// <summary>The largest segment absorbs the others once they hold 1/FullMergeRatio of its rows.</summary>
    private const int FullMergeRatio = 8;

    /// <summary>The segments of <paramref name="state"/> to merge now, or an empty list when there is nothing to do.</summary>
    public static List<Segment> Plan(CollectionState state)
    {
        var segments = state.Segments;
        // A growing segment that is not the last one is frozen, and its view in a published state holds all its rows
        // (the writer freezes a segment and appends a new one in the same state); the last one may still take rows.
        var inputs = segments.Take(segments.Length - 1).Where(s => s is GrowingSegment).ToList();
        var bySize = segments.OfType<SealedSegment>().OrderBy(s => s.Live).ToList();
        if (inputs.Count == 0 && bySize.Count > 1 && bySize[..^1].Sum(s => (long)s.Live) * FullMergeRatio >= bySize[^1].Live)
        {
            // The smaller segments together hold an eighth of the largest: merge them all into it, so a search mostly
            // meets one segment (each row is rewritten O(1) times on average by these merges).
            inputs.AddRange(bySize);
            return inputs;
        }
        if (inputs.Count == 0)
        {
            // Two sealed segments within a factor of two of each other are merged: sizes then grow geometrically.
            for (int i = 0; i + 1 < bySize.Count && inputs.Count == 0; i++)
                if (bySize[i + 1].Live <= 2L * Math.Max(bySize[i].Live, 1)) inputs.AddRange([bySize[i], bySize[i + 1]]);
        }
        if (inputs.Count == 0 && bySize.Find(s => s.DeletedCount > 0 && s.DeletedCount >= s.Count / 4) is { } worn) inputs.Add(worn);
        if (inputs.Count == 0) return inputs;
        long size = inputs.Sum(s => (long)s.Live);
        foreach (var sealedSegment in bySize.Where(s => !inputs.Contains(s)))
        {
            if (sealedSegment.Live > 2 * Math.Max(size, 1)) break;
            inputs.Add(sealedSegment);
            size += sealedSegment.Live;
        }
        return inputs;
    }

    /// <summary>The live rows of <paramref name="inputs"/> (as they were in the state they came from) as one sealed segment.</summary>
    public static SealedSegment Run(IReadOnlyList<Segment> inputs, int bits, int dimension) => Build(inputs, LiveRows(inputs), bits, dimension);

    /// <summary>
    /// The <paramref name="rows"/> of <paramref name="inputs"/> (<see cref="LiveRows"/>) as one sealed segment, with their
    /// vectors when <paramref name="dimension"/> &gt; 0.
    /// </summary>
    public static SealedSegment Build(IReadOnlyList<Segment> inputs, (long Id, int Segment, int Row)[] rows, int bits, int dimension)
    {
        int bytes = bits / 8;
        var ids = new long[rows.Length];
        var codes = new byte[(long)rows.Length * bytes];
        var vectors = dimension > 0 ? new float[(long)rows.Length * dimension] : null;
        for (int i = 0; i < rows.Length; i++)
        {
            var (id, s, row) = rows[i];
            ids[i] = id;
            inputs[s].Codes.Slice(row * bytes, bytes).CopyTo(codes.AsSpan(i * bytes));
            if (vectors is not null) inputs[s].Vectors.AsSpan(checked(row * dimension), dimension).CopyTo(vectors.AsSpan(checked(i * dimension)));
        }
        return SealedSegment.Build(bits, ids, codes, vectors);
    }

    /// <summary>Every live row of <paramref name="inputs"/> as (id, segment, row), sorted by id.</summary>
    public static (long Id, int Segment, int Row)[] LiveRows(IReadOnlyList<Segment> inputs)
    {
        var rows = new (long Id, int Segment, int Row)[inputs.Sum(s => s.Live)];
        int n = 0;
        for (int s = 0; s < inputs.Count; s++)
        {
            var ids = inputs[s].Ids;
            for (int row = 0; row < inputs[s].Count; row++)
                if (!inputs[s].IsDeleted(row)) rows[n++] = (ids[row], s, row);
        }
        Array.Sort(rows, (a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>
    /// Rows of <paramref name="output"/> whose ids were deleted from the inputs after the merge read them: compares each
    /// input's tombstones then (<paramref name="before"/>) and now (<paramref name="now"/>).
    /// </summary>
    public static void CarryDeletes(Segment before, Segment now, SealedSegment output, List<int> rows)
    {
        var then = before.Deleted ?? [];
        var later = now.Deleted ?? [];
        var ids = before.Ids;
        var outIds = output.Ids;
        for (int w = 0; w < later.Length; w++)
        {
            ulong fresh = later[w] & ~(w < then.Length ? then[w] : 0);
            while (fresh != 0)
            {
                int row = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(fresh);
                fresh &= fresh - 1;
                if (row >= before.Count) continue;
                int at = outIds.BinarySearch(ids[row]);
                if (at >= 0) rows.Add(at);
            }
        }
    }

    /// <summary><paramref name="output"/> with <paramref name="rows"/> deleted.</summary>
    public static SealedSegment WithDeleted(SealedSegment output, List<int> rows)
    {
        if (rows.Count == 0) return output;
        var bits = new ulong[PositionBits.Words(output.Count)];
        int count = 0;
        foreach (int row in rows)
        {
            if (PositionBits.Contains(bits, row)) continue;
            PositionBits.Add(bits, row);
            count++;
        }
        return (SealedSegment)output.WithDeleted(bits, count);
    }
}
