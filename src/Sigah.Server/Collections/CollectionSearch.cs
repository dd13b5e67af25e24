using Sigah.Core.Codes;
using Sigah.Index;

namespace Sigah.Server.Collections;

/// <summary>One query's answer: ids nearest first and their distances (Hamming, or squared L2 when re-ranked).</summary>
internal sealed record Neighbours(long[] Ids, double[] Distances);

/// <summary>A shortlisted row: its id, Hamming distance, and squared L2 distance to the query when re-ranking (else 0).</summary>
internal readonly record struct Candidate(long Id, int Distance, double L2) : IComparable<Candidate>
{
    /// <summary>Nearest code first, equal distances by the smaller id.</summary>
    public int CompareTo(Candidate other) => Distance != other.Distance ? Distance.CompareTo(other.Distance) : Id.CompareTo(other.Id);
}

/// <summary>
/// Exact k-NN over a <see cref="CollectionState"/> in two steps. <see cref="Shortlist"/>: each segment gives its own
/// nearest live rows by (distance, id), and the best of their union are the best of the collection (the global top m
/// under a total order is in the union of the per-part top m). <see cref="Select"/>: the final k from any union of
/// shortlists. The same union argument makes a cluster's answer (shortlists of its shards, selected once) the one
/// node's answer: the same ids and distances as one index holding every live code.
/// </summary>
internal static class CollectionSearch
{
    /// <summary>Rows a query's shortlist keeps: k, or the re-ranking depth when deeper.</summary>
    public static int ShortlistLength(int k, int rerank) => Math.Max(k, rerank);

    /// <summary>
    /// For each query code, the <paramref name="length"/> nearest live rows by (distance, id), sorted; with
    /// <paramref name="l2"/> each carries its squared L2 distance to the query vector (row q of
    /// <paramref name="vectors"/>, <paramref name="dimension"/> floats).
    /// </summary>
    public static Candidate[][] Shortlist(CollectionState state, PackedCodes queries, float[] vectors, int dimension, int length, bool l2)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(queries);
        var hits = new List<Hit>[queries.Count];
        for (int q = 0; q < hits.Length; q++) hits[q] = [];
        int threads = queries.Count >= 8 ? 0 : 1;
        foreach (var segment in state.Segments) segment.Search(queries, length, threads, hits);
        var lists = new Candidate[queries.Count][];
        for (int q = 0; q < lists.Length; q++)
        {
            var found = hits[q];
            found.Sort();
            int n = Math.Min(length, found.Count);
            var list = new Candidate[n];
            for (int i = 0; i < n; i++)
            {
                var hit = found[i];
                double distance = l2
                    ? L2Reranker.SquaredDistance(hit.Segment.Vectors.AsSpan(hit.Row * dimension, dimension), vectors.AsSpan(q * dimension, dimension))
                    : 0;
                list[i] = new Candidate(hit.Id, hit.Distance, distance);
            }
            lists[q] = list;
        }
        return lists;
    }

    /// <summary>
    /// A query's answer from <paramref name="candidates"/> (shortlists of disjoint parts, reordered in place): the
    /// <see cref="ShortlistLength"/> best by (distance, id), within <paramref name="radius"/> when given; with
    /// <paramref name="rerank"/> &gt; 0 those ranked by (squared L2 accumulated in double, id) and reported rounded to
    /// float (as <c>sigah search --rerank</c>); the first <paramref name="k"/>.
    /// </summary>
    public static Neighbours Select(Candidate[] candidates, int k, int rerank, int? radius)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Array.Sort(candidates);
        int n = Math.Min(ShortlistLength(k, rerank), candidates.Length);
        if (radius is { } r) while (n > 0 && candidates[n - 1].Distance > r) n--;
        var kept = candidates.AsSpan(0, n);
        if (rerank > 0) kept.Sort(static (a, b) => a.L2 != b.L2 ? a.L2.CompareTo(b.L2) : a.Id.CompareTo(b.Id));
        int count = Math.Min(k, n);
        var ids = new long[count];
        var distances = new double[count];
        for (int i = 0; i < count; i++) (ids[i], distances[i]) = (kept[i].Id, rerank > 0 ? (float)kept[i].L2 : kept[i].Distance);
        return new Neighbours(ids, distances);
    }

    /// <summary>Both steps on one state: for each query code, its <paramref name="k"/> nearest live rows (see <see cref="Select"/>).</summary>
    public static Neighbours[] Run(CollectionState state, PackedCodes queries, float[] vectors, int dimension, int k, int rerank, int? radius)
    {
        var lists = Shortlist(state, queries, vectors, dimension, ShortlistLength(k, rerank), rerank > 0);
        return Array.ConvertAll(lists, list => Select(list, k, rerank, radius));
    }
}
