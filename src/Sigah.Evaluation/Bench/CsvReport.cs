using System.Globalization;
using System.Text;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.csv</c>: one row per method × bits with every scalar metric, precision@N and recall@N for each
/// evaluated depth N, and the costs. Numbers use the invariant culture and round-trip precision.
/// </summary>
public static class CsvReport
{
    /// <summary>The whole file as text, header first.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cutoffs = results.Runs.Count > 0 ? results.Runs[0].Metrics.Cutoffs : [];
        var text = new StringBuilder("method,bits,mAP,mAP_tie_avg,precision_r2,recall_r2,pr_auc");
        foreach (int n in cutoffs) text.Append($",precision_at_{n}");
        foreach (int n in cutoffs) text.Append($",recall_at_{n}");
        text.Append(",train_seconds,encode_vectors_per_second,search_seconds\n");
        foreach (var run in results.Runs)
        {
            var m = run.Metrics;
            var cells = new List<double> { m.MeanAveragePrecision, m.MeanAveragePrecisionTieAveraged, m.PrecisionR2, m.RecallR2, m.PrAuc };
            cells.AddRange(m.PrecisionAt);
            cells.AddRange(m.RecallAt);
            cells.AddRange([run.TrainSeconds, run.EncodeVectorsPerSecond, run.SearchSeconds]);
            text.Append(run.Method).Append(',').Append(run.Bits.ToString(CultureInfo.InvariantCulture));
            foreach (double v in cells) text.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }
}
