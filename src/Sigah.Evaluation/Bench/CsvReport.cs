using System.Globalization;
using System.Text;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.csv</c>: one row per method × bits with every scalar metric, precision@N and recall@N for each
/// evaluated depth N, and the costs. When some method ran with more than one seed, each row holds the means, a
/// <c>seeds</c> column counts the seeds and every number is followed by a <c>_std</c> column with its sample
/// standard deviation (empty where one seed ran); otherwise each row holds the one run's values. Numbers use the
/// invariant culture and round-trip precision.
/// </summary>
internal static class CsvReport
{
    /// <summary>The whole file as text, header first.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var columns = Columns(results.Runs.Count > 0 ? results.Runs[0].Metrics.Cutoffs : []);
        bool spread = results.Aggregates.Any(a => a.HasSpread);
        var text = new StringBuilder(spread ? "method,bits,seeds" : "method,bits");
        foreach (var (name, _) in columns) text.Append(spread ? $",{name},{name}_std" : $",{name}");
        text.Append('\n');
        foreach (var aggregate in results.Aggregates)
        {
            text.Append(aggregate.Method).Append(',').Append(aggregate.Bits.ToString(CultureInfo.InvariantCulture));
            if (spread) text.Append(',').Append(aggregate.SeedCount.ToString(CultureInfo.InvariantCulture));
            foreach (var (_, value) in columns)
            {
                text.Append(',').Append(Number(aggregate.Mean(value)));
                if (spread) text.Append(',').Append(aggregate.StandardDeviation(value) is { } deviation ? Number(deviation) : "");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The numeric columns in file order: name, and how to read the number off a run.</summary>
    private static List<(string Name, Func<BenchRun, double> Value)> Columns(IReadOnlyList<int> cutoffs) =>
    [
        ("mAP", r => r.Metrics.MeanAveragePrecision),
        ("mAP_tie_avg", r => r.Metrics.MeanAveragePrecisionTieAveraged),
        ("precision_r2", r => r.Metrics.PrecisionR2),
        ("recall_r2", r => r.Metrics.RecallR2),
        ("pr_auc", r => r.Metrics.PrAuc),
        .. cutoffs.Select((n, i) => ($"precision_at_{n}", (Func<BenchRun, double>)(r => r.Metrics.PrecisionAt[i]))),
        .. cutoffs.Select((n, i) => ($"recall_at_{n}", (Func<BenchRun, double>)(r => r.Metrics.RecallAt[i]))),
        ("train_seconds", r => r.TrainSeconds),
        ("encode_vectors_per_second", r => r.EncodeVectorsPerSecond),
        ("search_seconds", r => r.SearchSeconds),
    ];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
