namespace Sigah.Core.Knn;

/// <summary>
/// The k nearest neighbours of each of <see cref="Queries"/> queries: row q of <see cref="Ids"/> and
/// <see cref="Distances"/> (each <c>Queries * K</c> long, row-major) lists base ids nearest first, ties broken by
/// the smaller id, padded with id -1 and distance +∞ when the base holds fewer than k vectors.
/// </summary>
public sealed class KnnResult
{
    /// <summary>Number of queries.</summary>
    public int Queries { get; }

    /// <summary>Neighbours per query.</summary>
    public int K { get; }

    /// <summary>Base ids, <c>Queries * K</c>, -1 for padding.</summary>
    public long[] Ids { get; }

    /// <summary>Squared L2 distances, <c>Queries * K</c>.</summary>
    public float[] Distances { get; }

    /// <summary>Wraps the arrays (not copied); both must hold <c>queries * k</c> values.</summary>
    public KnnResult(int queries, int k, long[] ids, float[] distances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(distances);
        long size = (long)queries * k;
        if (ids.LongLength != size) throw new ArgumentException($"ids has {ids.LongLength} values, expected {queries} x {k}", nameof(ids));
        if (distances.LongLength != size) throw new ArgumentException($"distances has {distances.LongLength} values, expected {queries} x {k}", nameof(distances));
        Queries = queries;
        K = k;
        Ids = ids;
        Distances = distances;
    }

    /// <summary>A result of <paramref name="queries"/> × <paramref name="k"/> padding (ids -1, distances +∞), for a search to fill.</summary>
    internal static KnnResult Padded(int queries, int k)
    {
        var ids = new long[(long)queries * k];
        var distances = new float[(long)queries * k];
        Array.Fill(ids, -1L);
        Array.Fill(distances, float.PositiveInfinity);
        return new KnnResult(queries, k, ids, distances);
    }

    /// <summary>One list of ids per query, nearest first, without the -1 padding.</summary>
    public int[][] ToLists()
    {
        var lists = new int[Queries][];
        for (int q = 0; q < Queries; q++)
            lists[q] = Ids.AsSpan(q * K, K).ToArray().Where(id => id >= 0).Select(id => (int)id).ToArray();
        return lists;
    }
}
