namespace Sigah.Hashing.Numerics;

/// <summary>Seeded choices of distinct row indices.</summary>
internal static class RowSampling
{
    /// <summary>
    /// <paramref name="count"/> distinct indices drawn uniformly from 0 .. <paramref name="rows"/> − 1 by a partial
    /// Fisher–Yates shuffle, in the order drawn. <paramref name="count"/> ≥ <paramref name="rows"/> gives all rows, shuffled.
    /// </summary>
    public static int[] Distinct(int rows, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        count = Math.Min(count, rows);
        var indices = new int[rows];
        for (int i = 0; i < rows; i++) indices[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, rows);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices[..count];
    }
}
