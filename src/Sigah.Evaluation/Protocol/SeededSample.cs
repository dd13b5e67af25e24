namespace Sigah.Evaluation.Protocol;

/// <summary>Distinct row indices drawn uniformly without replacement by a seeded generator (partial Fisher–Yates).</summary>
internal static class SeededSample
{
    /// <summary><paramref name="count"/> distinct indices of 0..<paramref name="available"/>−1 (all of them when fewer exist), ascending.</summary>
    public static int[] Distinct(int available, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= available) return [.. Enumerable.Range(0, available)];
        var rng = new Random(seed);
        var order = Enumerable.Range(0, available).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = rng.Next(i, available);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var chosen = order[..count];
        Array.Sort(chosen);
        return chosen;
    }
}
