using System.Globalization;

namespace Sigah.Evaluation.Bench;

/// <summary>One quantity the paper-style tables show: a title, how to read it off a run, and how to print it.</summary>
/// <param name="Title">Table heading.</param>
/// <param name="Value">Reads the quantity from a run.</param>
/// <param name="Format">.NET numeric format of a cell.</param>
/// <param name="HigherIsBetter">Which end of a column gets the bold best value.</param>
internal sealed record ReportedMetric(string Title, Func<BenchRun, double> Value, string Format, bool HigherIsBetter)
{
    /// <summary>Ranking depth of the precision@N table: 100, or the whole base when it is smaller.</summary>
    public static int PrecisionDepth(int baseCount) => Math.Min(100, baseCount);

    /// <summary>The tables of <c>results.md</c>, in order.</summary>
    public static IReadOnlyList<ReportedMetric> Tables(int baseCount)
    {
        int depth = PrecisionDepth(baseCount);
        return
        [
            new("mAP (full Hamming ranking, ties by smaller index)", r => r.Metrics.MeanAveragePrecision, "F4", true),
            new("mAP, tie-averaged (expected AP over random order within equal distances)", r => r.Metrics.MeanAveragePrecisionTieAveraged, "F4", true),
            new($"Precision@{depth}", r => r.Metrics.PrecisionAtDepth(depth), "F4", true),
            new("Precision within Hamming radius 2", r => r.Metrics.PrecisionR2, "F4", true),
            new("PR AUC (precision–recall by Hamming radius)", r => r.Metrics.PrAuc, "F4", true),
            new("Training time (s)", r => r.TrainSeconds, "F2", false),
            new("Encoding rate (vectors/s)", r => r.EncodeVectorsPerSecond, "N0", true),
            new("Search time, exact Hamming k-NN of all queries (s)", r => r.SearchSeconds, "F3", false),
        ];
    }

    /// <summary>
    /// The cell text of <paramref name="aggregate"/>: the mean over its seeds followed by <c> ± </c> and the sample
    /// standard deviation when more than one seed ran, otherwise the one run's value.
    /// </summary>
    public string Cell(BenchAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        string mean = aggregate.Mean(Value).ToString(Format, CultureInfo.InvariantCulture);
        return aggregate.StandardDeviation(Value) is { } spread ? $"{mean} ± {spread.ToString(Format, CultureInfo.InvariantCulture)}" : mean;
    }
}
