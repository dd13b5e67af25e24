namespace Sigah.Index;

/// <summary>
/// The k nearest codes of each query: <see cref="Ids"/> and <see cref="Distances"/> hold <c>Queries × K</c>
/// entries, row q for query q, nearest first, equal distances by the smaller id, id -1 and distance -1 where
/// fewer than k codes exist.
/// </summary>
public sealed record HammingKnnResult(int Queries, int K, long[] Ids, int[] Distances)
{
    /// <summary>Ids of query <paramref name="query"/>'s neighbours (length K).</summary>
    public ReadOnlySpan<long> IdsOf(int query) => Ids.AsSpan(query * K, K);

    /// <summary>Distances of query <paramref name="query"/>'s neighbours (length K).</summary>
    public ReadOnlySpan<int> DistancesOf(int query) => Distances.AsSpan(query * K, K);
}
