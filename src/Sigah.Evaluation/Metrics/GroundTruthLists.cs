using Sigah.Core;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Checks ground-truth lists before they are scored: <c>groundTruth[q]</c> holds the base indices of query
/// q's true neighbours, at least one, each in range and none twice.
/// </summary>
internal static class GroundTruthLists
{
    /// <summary>The first problem of <paramref name="groundTruth"/> as a phrase, or <c>null</c> when the lists are usable.</summary>
    public static string? FindProblem(int[][] groundTruth, int queryCount, int baseCount)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        if (groundTruth.Length != queryCount)
            return $"has {groundTruth.Length} queries, the query codes have {queryCount}";
        var seen = new HashSet<int>();
        for (int q = 0; q < groundTruth.Length; q++)
        {
            var list = groundTruth[q];
            if (list is null || list.Length == 0) return $"query {q} has no neighbours";
            seen.Clear();
            foreach (int id in list)
            {
                if ((uint)id >= (uint)baseCount) return $"query {q} lists neighbour {id}, outside the {baseCount} base codes";
                if (!seen.Add(id)) return $"query {q} lists neighbour {id} twice";
            }
        }
        return null;
    }

    /// <summary>Throws a <see cref="UserInputException"/> naming <paramref name="fileName"/> if the lists are not usable.</summary>
    public static void Validate(int[][] groundTruth, int queryCount, int baseCount, string fileName)
    {
        string? problem = FindProblem(groundTruth, queryCount, baseCount);
        if (problem is not null) throw UserInputException.ForFile(fileName, problem);
    }

    /// <summary>The first <paramref name="k"/> neighbours of every list (all of a shorter list).</summary>
    public static int[][] Truncate(int[][] groundTruth, int k)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return [.. groundTruth.Select(list => list.Length <= k ? list : list[..k])];
    }
}
