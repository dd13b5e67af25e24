namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Relevant = same class label: base item i is relevant to query q when <c>baseLabels[i] == queryLabels[q]</c> (the
/// protocol of supervised hashing papers on single-label data such as CIFAR-10 or MNIST). Holds the labels and the
/// number of base items of each query's label, nothing per query and item.
/// </summary>
public sealed class LabelRelevance : Relevance
{
    private readonly int[] _relevantCounts;

    /// <param name="baseLabels">One label per base item.</param>
    /// <param name="queryLabels">One label per query.</param>
    public LabelRelevance(int[] baseLabels, int[] queryLabels)
    {
        ArgumentNullException.ThrowIfNull(baseLabels);
        ArgumentNullException.ThrowIfNull(queryLabels);
        BaseLabels = baseLabels;
        QueryLabels = queryLabels;
        var perLabel = new Dictionary<int, int>();
        foreach (int label in baseLabels) perLabel[label] = perLabel.GetValueOrDefault(label) + 1;
        _relevantCounts = [.. queryLabels.Select(label => perLabel.GetValueOrDefault(label))];
    }

    /// <summary>The label of every base item.</summary>
    public int[] BaseLabels { get; }

    /// <summary>The label of every query.</summary>
    public int[] QueryLabels { get; }

    /// <inheritdoc/>
    public override int QueryCount => QueryLabels.Length;

    /// <inheritdoc/>
    public override int RelevantCount(int q) => _relevantCounts[q];

    /// <inheritdoc/>
    public override string? FindProblem(int queryCount, int baseCount)
    {
        if (BaseLabels.Length != baseCount) return $"has {BaseLabels.Length} base labels for {baseCount} base items";
        if (QueryLabels.Length != queryCount) return $"has {QueryLabels.Length} query labels for {queryCount} queries";
        int q = Array.IndexOf(_relevantCounts, 0);
        return q < 0 ? null : $"query {q} has label {QueryLabels[q]}, which no base item has";
    }
}
