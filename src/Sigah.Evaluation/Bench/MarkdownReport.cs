using System.Globalization;
using System.Text;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.md</c>: a header naming the protocol, then one paper-style table per <see cref="ReportedMetric"/>
/// with methods as rows and code lengths as columns (mean ± sample standard deviation where several seeds ran);
/// the best (mean) value of each column is bold. Below the tables: the method-specific settings and the runs not made.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>The whole report as Markdown text.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        string training = results.TrainingCount == results.BaseCount ? "also the training set" : $"hashers trained on {results.TrainingCount:N0} vectors";
        text.Append(CultureInfo.InvariantCulture, $"# {results.Dataset}: {results.BaseCount:N0} base vectors ({training}), ")
            .Append(CultureInfo.InvariantCulture, $"{results.QueryCount:N0} queries, dimension {results.Dimension}\n\n")
            .Append(CultureInfo.InvariantCulture, $"Ground truth: {results.GroundTruth}. {SeedLine(results.Seeds)}\n");
        foreach (var metric in ReportedMetric.Tables(results.BaseCount))
            text.Append('\n').Append(Table(results, metric));
        if (!results.Parameters.IsEmpty)
        {
            text.Append("\nMethod settings (--param; everything else at its defaults):\n\n");
            foreach (string method in results.Methods.Where(m => results.Parameters.For(m).Count > 0))
                text.Append(CultureInfo.InvariantCulture, $"- {method}: {SettingsText(results.Parameters.For(method))}\n");
        }
        if (results.Skipped.Count > 0)
        {
            text.Append("\nNot run (–):\n\n");
            foreach (var skip in results.Skipped) text.Append(CultureInfo.InvariantCulture, $"- {skip.Method}, {skip.Bits} bits: {skip.Reason}\n");
        }
        return text.ToString();
    }

    /// <summary>One table: a <c>### title</c> line, then methods × bits.</summary>
    public static string Table(BenchResults results, ReportedMetric metric)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metric);
        var text = new StringBuilder($"### {metric.Title}\n\n| Method |");
        foreach (int bits in results.Bits) text.Append(CultureInfo.InvariantCulture, $" {bits} bits |");
        text.Append("\n|---|").Append(string.Concat(results.Bits.Select(_ => "---:|"))).Append('\n');
        var best = results.Bits.Select(bits => Best(results, metric, bits)).ToArray();
        foreach (string method in results.Methods)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {method} |");
            for (int c = 0; c < results.Bits.Count; c++)
            {
                var aggregate = results.Aggregate(method, results.Bits[c]);
                string cell = aggregate is null ? "–" : metric.Cell(aggregate);
                text.Append(aggregate is not null && results.Methods.Count > 1 && aggregate.Mean(metric.Value) == best[c] ? $" **{cell}** |" : $" {cell} |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string SeedLine(IReadOnlyList<int> seeds) => seeds.Count == 1
        ? $"Seed {seeds[0]}."
        : $"Seeds {string.Join(", ", seeds)}: a ± cell is the mean ± sample standard deviation over the seeds; a method whose result does not depend on the seed ran once.";

    private static string SettingsText(IReadOnlyDictionary<string, string> settings) =>
        string.Join(", ", settings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static double? Best(BenchResults results, ReportedMetric metric, int bits)
    {
        var values = results.Aggregates.Where(a => a.Bits == bits).Select(a => a.Mean(metric.Value)).ToList();
        if (values.Count == 0) return null;
        return metric.HigherIsBetter ? values.Max() : values.Min();
    }
}
