namespace Sigah.Evaluation.Metrics;

/// <summary>Grids of ranking depths N at which precision@N and recall@N are reported.</summary>
public static class Cutoffs
{
    /// <summary>1, 10, 100, … up to <paramref name="baseCount"/>, then <paramref name="baseCount"/> itself (where recall reaches 1).</summary>
    public static int[] PowersOfTen(int baseCount) => Build(baseCount, [1]);

    /// <summary>1, 2, 5, 10, 20, 50, … up to <paramref name="baseCount"/>, then <paramref name="baseCount"/>: a finer grid for recall@N curves.</summary>
    public static int[] OneTwoFive(int baseCount) => Build(baseCount, [1, 2, 5]);

    private static int[] Build(int baseCount, int[] mantissas)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseCount);
        var grid = new List<int>();
        for (long scale = 1; scale <= baseCount; scale *= 10)
            foreach (int m in mantissas)
                if (m * scale <= baseCount) grid.Add((int)(m * scale));
        if (grid[^1] != baseCount) grid.Add(baseCount);
        return [.. grid];
    }
}
