namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Retrieval quality of query codes against base codes over the full Hamming ranking of the base, averaged
/// over queries. Produced by <see cref="RetrievalEvaluator"/>.
/// </summary>
public sealed class RetrievalMetrics
{
    /// <summary>Number of queries averaged over.</summary>
    public required int Queries { get; init; }

    /// <summary>Number of base codes ranked for every query.</summary>
    public required int BaseCount { get; init; }

    /// <summary>Code length in bits (the largest possible Hamming distance).</summary>
    public required int Bits { get; init; }

    /// <summary>Mean average precision, ranking ties broken by the smaller base index (the common protocol).</summary>
    public required double MeanAveragePrecision { get; init; }

    /// <summary>
    /// Mean of the expected average precision when items at equal Hamming distance come in uniformly random
    /// order (McSherry &amp; Najork 2008); free of the tie luck that short codes get.
    /// </summary>
    public required double MeanAveragePrecisionTieAveraged { get; init; }

    /// <summary>K of <see cref="MeanAveragePrecisionAtK"/>, when it was asked for.</summary>
    public int? MapAtK { get; init; }

    /// <summary>
    /// mAP@K as hashing papers compute it (e.g. DPSH, HashNet): per query, the mean of the precision at each relevant
    /// position within the top K of the ranking (ties broken by the smaller base index), that is the sum of those
    /// precisions divided by the number of relevant items retrieved within the top K (0 when there is none), averaged
    /// over queries. Unlike <see cref="MeanAveragePrecision"/>, relevant items beyond the top K do not lower it. Null
    /// unless <see cref="MapAtK"/> was asked for.
    /// </summary>
    public double? MeanAveragePrecisionAtK { get; init; }

    /// <summary>Ranking depths N of <see cref="PrecisionAt"/> and <see cref="RecallAt"/>, ascending.</summary>
    public required IReadOnlyList<int> Cutoffs { get; init; }

    /// <summary>Precision among the first <see cref="Cutoffs"/>[i] ranked items (ties by smaller index); same length as <see cref="Cutoffs"/>.</summary>
    public required IReadOnlyList<double> PrecisionAt { get; init; }

    /// <summary>Share of the true neighbours among the first <see cref="Cutoffs"/>[i] ranked items; same length as <see cref="Cutoffs"/>.</summary>
    public required IReadOnlyList<double> RecallAt { get; init; }

    /// <summary>
    /// Precision of the Hamming ball of radius r, for r = 0..<see cref="Bits"/> (length Bits + 1); a query
    /// whose ball holds no item counts precision 0.
    /// </summary>
    public required IReadOnlyList<double> PrecisionWithinRadius { get; init; }

    /// <summary>Recall of the Hamming ball of radius r, for r = 0..<see cref="Bits"/> (length Bits + 1).</summary>
    public required IReadOnlyList<double> RecallWithinRadius { get; init; }

    /// <summary>
    /// Area under the precision–recall curve traced by the radius r = 0..Bits (the points
    /// (<see cref="RecallWithinRadius"/>[r], <see cref="PrecisionWithinRadius"/>[r])), by the trapezoid rule.
    /// </summary>
    public required double PrAuc { get; init; }

    /// <summary>Precision within Hamming radius 2.</summary>
    public double PrecisionR2 => PrecisionWithinRadius[Math.Min(2, Bits)];

    /// <summary>Recall within Hamming radius 2.</summary>
    public double RecallR2 => RecallWithinRadius[Math.Min(2, Bits)];

    /// <summary>Precision@N for a depth N that is one of <see cref="Cutoffs"/>.</summary>
    public double PrecisionAtDepth(int n) => PrecisionAt[IndexOfCutoff(n)];

    /// <summary>Recall@N for a depth N that is one of <see cref="Cutoffs"/>.</summary>
    public double RecallAtDepth(int n) => RecallAt[IndexOfCutoff(n)];

    private int IndexOfCutoff(int n)
    {
        for (int i = 0; i < Cutoffs.Count; i++)
            if (Cutoffs[i] == n) return i;
        throw new ArgumentOutOfRangeException(nameof(n), n, "not one of the evaluated cutoffs");
    }
}
