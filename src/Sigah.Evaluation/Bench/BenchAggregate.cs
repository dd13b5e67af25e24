using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// The runs of one method at one code length, one per seed, summarised: the mean of every measured number
/// and, when more than one seed ran, its sample standard deviation.
/// </summary>
public sealed class BenchAggregate
{
    /// <summary>Summarises <paramref name="runs"/>: at least one, all of the same method and code length.</summary>
    public BenchAggregate(IReadOnlyList<BenchRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs.Count, 1, nameof(runs));
        if (runs.Any(r => r.Method != runs[0].Method || r.Bits != runs[0].Bits))
            throw new ArgumentException("runs of different methods or code lengths", nameof(runs));
        Runs = runs;
        var metrics = runs.Select(r => r.Metrics).ToList();
        MeanMetrics = SampleStatistics.Combine(metrics, SampleStatistics.Mean);
        MetricsStandardDeviation = HasSpread ? SampleStatistics.Combine(metrics, SampleStatistics.StandardDeviation) : null;
    }

    /// <summary>Registered hasher name.</summary>
    public string Method => Runs[0].Method;

    /// <summary>Code length.</summary>
    public int Bits => Runs[0].Bits;

    /// <summary>The runs, one per seed, in the order they ran.</summary>
    public IReadOnlyList<BenchRun> Runs { get; }

    /// <summary>Number of seeds that ran (1 for a method whose result does not depend on the seed).</summary>
    public int SeedCount => Runs.Count;

    /// <summary>Whether more than one seed ran, so that a standard deviation exists.</summary>
    public bool HasSpread => Runs.Count > 1;

    /// <summary>Every metric, curves included, averaged over the seeds.</summary>
    public RetrievalMetrics MeanMetrics { get; }

    /// <summary>The sample standard deviation of every metric over the seeds, or <c>null</c> when one seed ran.</summary>
    public RetrievalMetrics? MetricsStandardDeviation { get; }

    /// <summary>The mean over the seeds of the number <paramref name="value"/> reads off a run.</summary>
    public double Mean(Func<BenchRun, double> value) => SampleStatistics.Mean([.. Runs.Select(value)]);

    /// <summary>The sample standard deviation over the seeds of <paramref name="value"/>, or <c>null</c> when one seed ran.</summary>
    public double? StandardDeviation(Func<BenchRun, double> value) =>
        HasSpread ? SampleStatistics.StandardDeviation([.. Runs.Select(value)]) : null;
}
