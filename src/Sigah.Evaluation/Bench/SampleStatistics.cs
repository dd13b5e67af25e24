using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// Mean and sample standard deviation (divisor n − 1) of repeated measurements, for single numbers and
/// element-wise for whole <see cref="RetrievalMetrics"/> (every scalar and every point of every curve).
/// </summary>
internal static class SampleStatistics
{
    /// <summary>
    /// The arithmetic mean of <paramref name="values"/> (at least one), summed as differences from the first value,
    /// so that equal values (one value in particular) have exactly that value as their mean.
    /// </summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 1, nameof(values));
        double first = values[0], offsets = 0;
        foreach (double v in values) offsets += v - first;
        return first + offsets / values.Count;
    }

    /// <summary>
    /// The sample standard deviation √(Σ (x − mean)² / (n − 1)) of <paramref name="values"/> (at least two); exactly 0
    /// for equal values.
    /// </summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 2, nameof(values));
        double mean = Mean(values), squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>
    /// Metrics whose every number is <paramref name="statistic"/> of that number across <paramref name="metrics"/>,
    /// which must all describe the same evaluation (queries, base size, bits and cutoffs).
    /// </summary>
    public static RetrievalMetrics Combine(IReadOnlyList<RetrievalMetrics> metrics, Func<IReadOnlyList<double>, double> statistic)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(metrics.Count, 1, nameof(metrics));
        var first = metrics[0];
        if (metrics.Any(m => m.Queries != first.Queries || m.BaseCount != first.BaseCount || m.Bits != first.Bits || !m.Cutoffs.SequenceEqual(first.Cutoffs)))
            throw new ArgumentException("metrics of different evaluations cannot be combined", nameof(metrics));
        double Of(Func<RetrievalMetrics, double> value) => statistic([.. metrics.Select(value)]);
        double[] Curve(Func<RetrievalMetrics, IReadOnlyList<double>> curve) =>
            [.. Enumerable.Range(0, curve(first).Count).Select(i => Of(m => curve(m)[i]))];
        return new RetrievalMetrics
        {
            Queries = first.Queries,
            BaseCount = first.BaseCount,
            Bits = first.Bits,
            Cutoffs = first.Cutoffs,
            MeanAveragePrecision = Of(m => m.MeanAveragePrecision),
            MeanAveragePrecisionTieAveraged = Of(m => m.MeanAveragePrecisionTieAveraged),
            PrecisionAt = Curve(m => m.PrecisionAt),
            RecallAt = Curve(m => m.RecallAt),
            PrecisionWithinRadius = Curve(m => m.PrecisionWithinRadius),
            RecallWithinRadius = Curve(m => m.RecallWithinRadius),
            PrAuc = Of(m => m.PrAuc),
        };
    }
}
