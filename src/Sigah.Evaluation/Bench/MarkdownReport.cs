using System.Text;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.md</c>: a header naming the protocol, then one paper-style table per <see cref="ReportedMetric"/>
/// with methods as rows and code lengths as columns; the best value of each column is bold.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The whole report as Markdown text.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        string training = results.TrainingCount == results.BaseCount ? "also the training set" : $"hashers trained on {results.TrainingCount:N0} vectors";
        text.Append($"# {results.Dataset}: {results.BaseCount:N0} base vectors ({training}), ")
            .Append($"{results.QueryCount:N0} queries, dimension {results.Dimension}\n\n")
            .Append($"Ground truth: {results.GroundTruth}. Seed {results.Seed}.\n");
        foreach (var metric in ReportedMetric.Tables(results.BaseCount))
            text.Append('\n').Append(Table(results, metric));
        if (results.Skipped.Count > 0)
        {
            text.Append("\nNot run (–):\n\n");
            foreach (var skip in results.Skipped) text.Append($"- {skip.Method}, {skip.Bits} bits: {skip.Reason}\n");
        }
        return text.ToString();
    }

    /// <summary>One table: a <c>### title</c> line, then methods × bits.</summary>
    public static string Table(BenchResults results, ReportedMetric metric)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metric);
        var text = new StringBuilder($"### {metric.Title}\n\n| Method |");
        foreach (int bits in results.Bits) text.Append($" {bits} bits |");
        text.Append("\n|---|").Append(string.Concat(results.Bits.Select(_ => "---:|"))).Append('\n');
        var best = results.Bits.Select(bits => Best(results, metric, bits)).ToArray();
        foreach (string method in results.Methods)
        {
            text.Append($"| {method} |");
            for (int c = 0; c < results.Bits.Count; c++)
            {
                var run = results.Find(method, results.Bits[c]);
                string cell = run is null ? "–" : metric.Cell(run);
                text.Append(run is not null && results.Methods.Count > 1 && metric.Value(run) == best[c] ? $" **{cell}** |" : $" {cell} |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static double? Best(BenchResults results, ReportedMetric metric, int bits)
    {
        var values = results.Runs.Where(r => r.Bits == bits).Select(metric.Value).ToList();
        if (values.Count == 0) return null;
        return metric.HigherIsBetter ? values.Max() : values.Min();
    }
}
