namespace Sigah.Evaluation.Metrics;

/// <summary>Relevant = listed: <c>groundTruth[q]</c> holds the base indices of query q's true neighbours (see <see cref="GroundTruthLists"/>).</summary>
public sealed class NeighbourRelevance : Relevance
{
    /// <param name="groundTruth">Per query, its true neighbours as base indices: at least one, distinct, any order.</param>
    public NeighbourRelevance(int[][] groundTruth)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        Lists = groundTruth;
    }

    /// <summary>The neighbour lists, as given.</summary>
    public int[][] Lists { get; }

    /// <inheritdoc/>
    public override int QueryCount => Lists.Length;

    /// <inheritdoc/>
    public override int RelevantCount(int q) => Lists[q].Length;

    /// <inheritdoc/>
    public override string? FindProblem(int queryCount, int baseCount) => GroundTruthLists.FindProblem(Lists, queryCount, baseCount);
}
