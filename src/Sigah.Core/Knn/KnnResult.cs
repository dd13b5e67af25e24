namespace Sigah.Core.Knn;

/// <summary>
/// The k nearest base vectors of each of <see cref="Queries"/> queries: row q of <see cref="Ids"/> and
/// <see cref="Distances"/> (k entries each, nearest first, ties by the smaller id) starts at <c>q * K</c>.
/// Ids are −1 and distances +∞ where the base has fewer than k vectors. Distances are squared L2.
/// </summary>
public sealed record KnnResult(int Queries, int K, long[] Ids, float[] Distances)
{
    /// <summary>The neighbour ids of every query as arrays (−1 padding dropped), as metrics take ground truth.</summary>
    public int[][] ToLists()
    {
        var lists = new int[Queries][];
        for (int q = 0; q < Queries; q++)
        {
            var row = Ids.AsSpan(q * K, K);
            int count = 0;
            while (count < K && row[count] >= 0) count++;
            lists[q] = new int[count];
            for (int i = 0; i < count; i++) lists[q][i] = (int)row[i];
        }
        return lists;
    }
}
