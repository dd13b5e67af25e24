using System.Text.Json;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;

namespace Sigah.Evaluation.Tests.Bench;

[Collection("bench")]
public sealed class BenchReportTests : IDisposable
{
    private static readonly Lazy<BenchResults> Results = new(() =>
        BenchRunner.Run(ClusteredProblem.Create(), [RandomProjectionHasher.Info, ConstantHasher.Info],
            new BenchSettings { Bits = [16, 64], Seeds = [2] }, NullProgress.Instance));

    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_tables_data_and_png_plots_and_nothing_else()
    {
        var written = BenchReport.WriteAll(Results.Value, _dir);
        string[] expected = ["results.json", "results.csv", "results.md", "pr-16.png", "recall-at-n-16.png",
            "pr-64.png", "recall-at-n-64.png", "map-vs-bits.png"];
        Assert.Equal(expected, written);
        Assert.Equal(expected.Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        foreach (var png in expected.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(_dir, png))[..4]);
    }

    [Fact]
    public void Json_holds_every_run_with_its_metrics_and_costs()
    {
        var root = JsonDocument.Parse(JsonReport.Render(Results.Value)).RootElement;
        Assert.Equal("clusters", root.GetProperty("dataset").GetString());
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(4, runs.Count);
        var first = Results.Value.Runs[0];
        Assert.Equal(first.Method, runs[0].GetProperty("method").GetString());
        Assert.Equal(first.Metrics.MeanAveragePrecision, runs[0].GetProperty("metrics").GetProperty("mAP").GetDouble());
        Assert.Equal(first.TrainSeconds, runs[0].GetProperty("train_seconds").GetDouble());
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_run_with_round_trip_numbers()
    {
        var lines = CsvReport.Render(Results.Value).TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(["method", "bits", "mAP", "mAP_tie_avg"], header[..4]);
        Assert.Contains("precision_at_100", header);
        Assert.Equal(header.Length, lines[1].Split(',').Length);
        var cells = lines[3].Split(',');
        Assert.Equal(("constant", "16"), (cells[0], cells[1]));
        Assert.Equal(Results.Value.Aggregate("constant", 16)!.Runs[0].Metrics.MeanAveragePrecision, double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Markdown_tables_have_methods_as_rows_bits_as_columns_and_the_best_in_bold()
    {
        var map = ReportedMetric.Tables(600)[0];
        string table = MarkdownReport.Table(Results.Value, map);
        var r = Results.Value;
        string P(string m, int b) => map.Cell(r.Aggregate(m, b)!);
        Assert.Equal(
            $"### {map.Title}\n\n| Method | 16 bits | 64 bits |\n|---|---:|---:|\n" +
            $"| projection | **{P("projection", 16)}** | **{P("projection", 64)}** |\n" +
            $"| constant | {P("constant", 16)} | {P("constant", 64)} |\n",
            table);
        string all = MarkdownReport.Render(r);
        Assert.StartsWith("# clusters: 600 base vectors (also the training set), 40 queries, dimension 16\n", all);
        Assert.Contains("### Precision@100\n", all);
        Assert.Contains("### Training time (s)\n", all);
    }
}
