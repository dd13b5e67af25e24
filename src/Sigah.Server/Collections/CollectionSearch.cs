using Sigah.Core.Codes;
using Sigah.Index;

namespace Sigah.Server.Collections;

/// <summary>One query's answer: ids nearest first and their distances (Hamming, or squared L2 when re-ranked).</summary>
internal sealed record Neighbours(long[] Ids, double[] Distances);

/// <summary>
/// Exact k-NN over a <see cref="CollectionState"/>: each segment gives its own k nearest live rows by (distance, id),
/// and the k best of their union are the k best of the collection, the same ids and distances as one index holding
/// every live code (the global top k under a total order is in the union of the per-segment top k).
/// </summary>
internal static class CollectionSearch
{
    /// <summary>
    /// For each query code, the <paramref name="k"/> nearest live rows; with <paramref name="rerank"/> &gt; 0 the
    /// max(rerank, k) nearest by code re-ranked by squared L2 to the query vector (row q of <paramref name="vectors"/>,
    /// d floats each); with a <paramref name="radius"/> only rows within that Hamming distance.
    /// </summary>
    public static Neighbours[] Run(CollectionState state, PackedCodes queries, float[] vectors, int dimension, int k, int rerank, int? radius)
    {
        int shortlist = Math.Max(k, rerank);
        var hits = new List<Hit>[queries.Count];
        for (int q = 0; q < hits.Length; q++) hits[q] = [];
        int threads = queries.Count >= 8 ? 0 : 1;
        foreach (var segment in state.Segments) segment.Search(queries, shortlist, threads, hits);
        var answers = new Neighbours[queries.Count];
        for (int q = 0; q < answers.Length; q++)
        {
            var found = hits[q];
            found.Sort();
            if (found.Count > shortlist) found.RemoveRange(shortlist, found.Count - shortlist);
            if (radius is { } r) found.RemoveAll(h => h.Distance > r);
            answers[q] = rerank > 0 ? Rerank(found, vectors.AsSpan(q * dimension, dimension), k) : Hamming(found, k);
        }
        return answers;
    }

    private static Neighbours Hamming(List<Hit> found, int k)
    {
        int n = Math.Min(k, found.Count);
        var ids = new long[n];
        var distances = new double[n];
        for (int i = 0; i < n; i++) (ids[i], distances[i]) = (found[i].Id, found[i].Distance);
        return new Neighbours(ids, distances);
    }

    /// <summary>Squared L2 accumulated and ranked in double, reported rounded to float, ties by the smaller id (as <c>sigah search --rerank</c>).</summary>
    private static Neighbours Rerank(List<Hit> found, ReadOnlySpan<float> query, int k)
    {
        var ranked = new (double Distance, long Id)[found.Count];
        for (int i = 0; i < found.Count; i++)
        {
            var hit = found[i];
            var row = hit.Segment.Vectors.AsSpan(hit.Row * query.Length, query.Length);
            ranked[i] = (L2Reranker.SquaredDistance(row, query), hit.Id);
        }
        Array.Sort(ranked);
        int n = Math.Min(k, ranked.Length);
        var ids = new long[n];
        var distances = new double[n];
        for (int i = 0; i < n; i++) (ids[i], distances[i]) = (ranked[i].Id, (float)ranked[i].Distance);
        return new Neighbours(ids, distances);
    }
}
