namespace Sigah.Core.Knn;

/// <summary>The order every k-NN result uses: by distance, equal distances by the smaller id.</summary>
internal static class NeighbourOrder
{
    /// <summary>Sorts <paramref name="distances"/> and <paramref name="ids"/> (the same length) together into that order.</summary>
    public static void Sort<T>(T[] distances, int[] ids) where T : IComparable<T>
    {
        Array.Sort(distances, ids);
        // Array.Sort is not stable: order each run of equal distances by id.
        for (int i = 0, end; i < distances.Length; i = end)
        {
            for (end = i + 1; end < distances.Length && distances[end].CompareTo(distances[i]) == 0; end++) { }
            if (end - i > 1) Array.Sort(ids, i, end - i);
        }
    }
}
