namespace Sigah.Index;

/// <summary>
/// Every code within a radius of each query, in compressed rows (as faiss's range results): query q's hits are
/// entries <c>Offsets[q] .. Offsets[q+1]</c> of <see cref="Ids"/> and <see cref="Distances"/>, nearest first,
/// equal distances by the smaller id. <see cref="Offsets"/> has <c>Queries + 1</c> entries.
/// </summary>
public sealed record HammingRangeResult(int Queries, long[] Offsets, long[] Ids, int[] Distances)
{
    /// <summary>Ids within the radius of query <paramref name="query"/>.</summary>
    public ReadOnlySpan<long> IdsOf(int query) => Ids.AsSpan((int)Offsets[query], (int)(Offsets[query + 1] - Offsets[query]));

    /// <summary>Distances of <see cref="IdsOf"/>.</summary>
    public ReadOnlySpan<int> DistancesOf(int query) => Distances.AsSpan((int)Offsets[query], (int)(Offsets[query + 1] - Offsets[query]));

    /// <summary>Builds the result from per-query lists of packed (distance, position) keys, mapping positions through <paramref name="ids"/>.</summary>
    internal static HammingRangeResult FromKeys(IReadOnlyList<List<long>> hits, ReadOnlySpan<long> ids)
    {
        var offsets = new long[hits.Count + 1];
        for (int q = 0; q < hits.Count; q++) offsets[q + 1] = offsets[q] + hits[q].Count;
        var resultIds = new long[offsets[^1]];
        var distances = new int[resultIds.Length];
        for (int q = 0; q < hits.Count; q++)
        {
            int at = (int)offsets[q];
            foreach (long key in hits[q])
            {
                resultIds[at] = ids.IsEmpty ? (uint)key : ids[(int)(uint)key];
                distances[at++] = (int)(key >> 32);
            }
        }
        return new HammingRangeResult(hits.Count, offsets, resultIds, distances);
    }
}
