using Sigah.Core.Codes;

namespace Sigah.Evaluation.Tests.Metrics;

/// <summary>
/// Slow, obviously-correct metrics for one query: distances bit by bit, an explicit sort by
/// (distance, index), and — for the tie-averaged AP — every ordering of every tie group enumerated.
/// </summary>
internal static class ReferenceMetrics
{
    public static int[] Distances(PackedCodes baseCodes, PackedCodes queries, int q)
    {
        var d = new int[baseCodes.Count];
        for (int i = 0; i < d.Length; i++)
            for (int b = 0; b < baseCodes.Bits; b++)
                if (baseCodes.GetBit(i, b) != queries.GetBit(q, b)) d[i]++;
        return d;
    }

    public static int[] RankByIndexTies(int[] distances) =>
        [.. Enumerable.Range(0, distances.Length).OrderBy(i => distances[i]).ThenBy(i => i)];

    public static double AveragePrecision(IReadOnlyList<int> ranking, HashSet<int> truth)
    {
        double sum = 0;
        int hits = 0;
        for (int pos = 0; pos < ranking.Count; pos++)
            if (truth.Contains(ranking[pos])) sum += (double)++hits / (pos + 1);
        return sum / truth.Count;
    }

    public static int HitsInTop(IReadOnlyList<int> ranking, HashSet<int> truth, int n) => ranking.Take(n).Count(truth.Contains);

    /// <summary>Mean AP over every ranking that orders distances ascending with any order inside each tie group.</summary>
    public static double TieAveragedAveragePrecision(int[] distances, HashSet<int> truth)
    {
        var groups = distances.Select((d, i) => (d, i)).GroupBy(x => x.d).OrderBy(g => g.Key)
            .Select(g => g.Select(x => x.i).ToArray()).ToArray();
        double sum = 0;
        long count = 0;
        foreach (var ranking in Orderings(groups, 0))
        {
            sum += AveragePrecision(ranking, truth);
            count++;
        }
        return sum / count;
    }

    private static IEnumerable<List<int>> Orderings(int[][] groups, int g)
    {
        if (g == groups.Length)
        {
            yield return [];
            yield break;
        }
        foreach (var head in Permutations(groups[g]))
            foreach (var tail in Orderings(groups, g + 1))
                yield return [.. head, .. tail];
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = [.. items[..i], .. items[(i + 1)..]];
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }
}
