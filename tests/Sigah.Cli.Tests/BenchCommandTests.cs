using System.Text.Json;
using Sigah.Core.Data;
using Sigah.Core.IO;

namespace Sigah.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>A TEXMEX-layout dataset "tiny": 300 base and 12 query vectors of dimension 20, no shipped ground truth.</summary>
    private string WriteTinyDataset()
    {
        var rng = new Random(4);
        FloatMatrix Random(int rows)
        {
            var m = new FloatMatrix(rows, 20);
            for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (float)rng.NextDouble();
            return m;
        }
        VectorFile.Write(Path("tiny_base.fvecs"), Random(300));
        VectorFile.Write(Path("tiny_query.fvecs"), Random(12));
        return Path("tiny");
    }

    [Fact]
    public void Runs_the_requested_methods_writes_every_output_and_reuses_the_cached_ground_truth()
    {
        string dataset = WriteTinyDataset();
        string[] args = ["bench", "--dataset", dataset, "--methods", "lsh,pcah", "--bits", "8,16", "--queries", "10",
            "--gt-k", "5", "--seed", "7", "--out", Path("out")];

        var first = CliHarness.Run(args);

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("# tiny: 300 base vectors (also the training set), 10 queries, dimension 20\n", first.StdOut);
        Assert.Contains("| lsh |", first.StdOut);
        Assert.Contains("| Method | 8 bits | 16 bits |", first.StdOut);
        foreach (var file in new[] { "results.json", "results.csv", "results.md", "pr-8.png", "pr-16.png", "recall-at-n-8.png",
                     "recall-at-n-16.png", "map-vs-bits.png", "gt-tiny-first10-300x20-top5.npy" })
            Assert.True(File.Exists(Path(System.IO.Path.Combine("out", file))), file);
        var runs = JsonDocument.Parse(File.ReadAllText(Path("out/results.json"))).RootElement.GetProperty("runs");
        Assert.Equal(4, runs.GetArrayLength());

        var second = CliHarness.Run(args);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("(cached)", second.StdErr);
        var again = JsonDocument.Parse(File.ReadAllText(Path("out/results.json"))).RootElement.GetProperty("runs");
        Assert.Equal(runs[3].GetProperty("metrics").GetProperty("mAP").GetDouble(), again[3].GetProperty("metrics").GetProperty("mAP").GetDouble());
    }

    [Theory]
    [InlineData("--methods", "lsh,nope", "error: --methods: unknown method 'nope' (known: ")]
    [InlineData("--bits", "16,12", "error: --bits: '12' is not a positive multiple of 8 up to 4096\n")]
    [InlineData("--gt-k", "0", "error: --gt-k: 0 is not a positive number of neighbours\n")]
    [InlineData("--queries", "-1", "error: --queries: -1 is not a positive number of queries\n")]
    public void Bad_options_are_one_line_user_errors(string option, string value, string message)
    {
        string dataset = WriteTinyDataset();
        var result = CliHarness.Run("bench", "--dataset", dataset, option, value, "--out", Path("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.StdErr);
        Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
    }
}
