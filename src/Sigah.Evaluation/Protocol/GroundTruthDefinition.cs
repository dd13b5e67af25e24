using System.Globalization;
using Sigah.Core.Knn;

namespace Sigah.Evaluation.Protocol;

/// <summary>
/// Which base vectors count as a query's true neighbours: its <see cref="TopK"/> nearest by Euclidean
/// distance (K absolute), or its nearest <see cref="TopPercent"/> % of the base (p = 2 is the protocol of
/// the SiGAH author's earlier work). Ties in distance go to the smaller base index.
/// </summary>
internal abstract record GroundTruthDefinition
{
    private GroundTruthDefinition() { }

    /// <summary>Number of true neighbours per query in a base of <paramref name="baseCount"/> vectors (at least 1, at most the base).</summary>
    public abstract int NeighboursFor(int baseCount);

    /// <summary>Human-readable definition for report headers.</summary>
    public abstract string Describe();

    /// <summary>Short file-name-safe tag, part of the ground-truth cache file name.</summary>
    public abstract string Tag { get; }

    /// <summary>The K nearest base vectors.</summary>
    public sealed record TopK(int K) : GroundTruthDefinition
    {
        /// <inheritdoc/>
        public override int NeighboursFor(int baseCount) => Math.Min(K, baseCount);

        /// <inheritdoc/>
        public override string Describe() => $"top-{K} Euclidean neighbours";

        /// <inheritdoc/>
        public override string Tag => $"top{K}";
    }

    /// <summary>Every base item with the query's class label (needs a dataset with labels).</summary>
    public sealed record SameLabel : GroundTruthDefinition
    {
        /// <summary>The depth of the timed k-NN search, for want of a list length.</summary>
        public const int SearchK = 100;

        /// <inheritdoc/>
        public override int NeighboursFor(int baseCount) => Math.Min(SearchK, baseCount);

        /// <inheritdoc/>
        public override string Describe() => "same label as the query (class relevance)";

        /// <inheritdoc/>
        public override string Tag => "labels";
    }

    /// <summary>The nearest <paramref name="Percent"/> % of the base, rounded to the nearest count, at least 1.</summary>
    public sealed record TopPercent(double Percent) : GroundTruthDefinition
    {
        /// <inheritdoc/>
        public override int NeighboursFor(int baseCount) => PercentOfBase.Neighbours(Percent, baseCount);

        /// <inheritdoc/>
        public override string Describe() => $"top {Percent.ToString(CultureInfo.InvariantCulture)} % of the base by Euclidean distance";

        /// <inheritdoc/>
        public override string Tag => $"top{Percent.ToString(CultureInfo.InvariantCulture)}pct";
    }
}
