namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Which base items are relevant to each query: its ground-truth neighbours (<see cref="NeighbourRelevance"/>) or the
/// base items that share its class label (<see cref="LabelRelevance"/>). <see cref="RetrievalEvaluator"/> scans the
/// whole base once per query either way; labels need no per-query lists.
/// </summary>
public abstract class Relevance
{
    private protected Relevance() { }

    /// <summary>Number of queries the relevance covers.</summary>
    public abstract int QueryCount { get; }

    /// <summary>Number of base items relevant to query <paramref name="q"/>.</summary>
    public abstract int RelevantCount(int q);

    /// <summary>
    /// The first reason the relevance cannot score <paramref name="queryCount"/> queries against
    /// <paramref name="baseCount"/> base items (every query needs at least one relevant item), as a phrase, or null.
    /// </summary>
    public abstract string? FindProblem(int queryCount, int baseCount);
}
