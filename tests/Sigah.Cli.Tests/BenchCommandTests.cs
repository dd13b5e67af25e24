using System.Text.Json;
using Sigah.Core.Data;
using Sigah.IO;

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
        var root = JsonDocument.Parse(File.ReadAllText(Path("out/results.json"))).RootElement;
        var runs = root.GetProperty("runs");
        Assert.Equal(4, runs.GetArrayLength());
        Assert.Equal($"OpenBLAS {Sigah.Core.Blas.Gemm.OpenBlasKernel}", root.GetProperty("blas").GetString());

        var second = CliHarness.Run(args);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("(cached)", second.StdErr);
        var again = JsonDocument.Parse(File.ReadAllText(Path("out/results.json"))).RootElement.GetProperty("runs");
        Assert.Equal(runs[3].GetProperty("metrics").GetProperty("mAP").GetDouble(), again[3].GetProperty("metrics").GetProperty("mAP").GetDouble());
    }

    private static JsonElement ReadResults(string directory) =>
        JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(directory, "results.json"))).RootElement;

    private string[] TinyBench(string methods, string output, params string[] more) =>
        ["bench", "--dataset", WriteTinyDataset(), "--methods", methods, "--bits", "8,16", "--queries", "10", "--gt-k", "5",
            "--out", Path(output), .. more];

    [Fact]
    public void Several_seeds_train_a_stochastic_method_once_per_seed_and_a_deterministic_one_once()
    {
        var result = CliHarness.Run(TinyBench("lsh,pcah", "seeds", "--seeds", "3,1"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var root = ReadResults(Path("seeds"));
        Assert.Equal([("lsh", 8, 3), ("lsh", 8, 1), ("lsh", 16, 3), ("lsh", 16, 1), ("pcah", 8, 3), ("pcah", 16, 3)],
            root.GetProperty("runs").EnumerateArray().Select(r => (r.GetProperty("method").GetString(), r.GetProperty("bits").GetInt32(), r.GetProperty("seed").GetInt32())));
        var aggregates = root.GetProperty("aggregates").EnumerateArray().ToList();
        Assert.Equal([2, 2, 1, 1], aggregates.Select(a => a.GetProperty("seeds").GetInt32()));
        Assert.Equal(JsonValueKind.Object, aggregates[0].GetProperty("std").ValueKind);
        Assert.Equal(JsonValueKind.Null, aggregates[2].GetProperty("std").ValueKind);
        var rows = result.StdOut.Split('\n');
        Assert.Contains("Seeds 3, 1: a ± cell is the mean ± sample standard deviation over the seeds", result.StdOut);
        Assert.All(rows.Where(r => r.StartsWith("| lsh |", StringComparison.Ordinal)), r => Assert.Contains(" ± ", r));
        Assert.All(rows.Where(r => r.StartsWith("| pcah |", StringComparison.Ordinal)), r => Assert.DoesNotContain("±", r));
        Assert.StartsWith("method,bits,seeds,mAP,mAP_std,", File.ReadAllText(Path("seeds/results.csv")));
        Assert.Equal(result.StdOut, File.ReadAllText(Path("seeds/results.md")));
    }

    [Fact]
    public void One_seed_in_seeds_measures_and_reports_what_seed_does()
    {
        var seed = CliHarness.Run(TinyBench("lsh,itq", "seed", "--seed", "7"));
        var seeds = CliHarness.Run(TinyBench("lsh,itq", "seeds", "--seeds", "7"));

        Assert.True(seed.ExitCode == 0 && seeds.ExitCode == 0, seed.StdErr + seeds.StdErr);
        // Everything before the timing tables is identical; the timings are measured anew.
        string Quality(string stdout) => stdout[..stdout.IndexOf("### Training time", StringComparison.Ordinal)];
        Assert.Equal(Quality(seed.StdOut), Quality(seeds.StdOut));
        Assert.Contains("Seed 7.\n", seeds.StdOut);
        Assert.DoesNotContain("±", seeds.StdOut);
        string Metrics(string directory) => string.Join('\n', ReadResults(directory).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("metrics").GetRawText()));
        Assert.Equal(Metrics(Path("seed")), Metrics(Path("seeds")));
        Assert.StartsWith("method,bits,mAP,mAP_tie_avg,", File.ReadAllText(Path("seeds/results.csv")));
    }

    [Fact]
    public void A_param_changes_its_method_only_and_is_recorded()
    {
        var plain = CliHarness.Run(TinyBench("lsh,itq", "plain"));
        var tuned = CliHarness.Run(TinyBench("lsh,itq", "tuned", "--param", "itq.iterations=0"));

        Assert.True(plain.ExitCode == 0 && tuned.ExitCode == 0, plain.StdErr + tuned.StdErr);
        Assert.Equal("""{"itq":{"iterations":"0"}}""", JsonSerializer.Serialize(ReadResults(Path("tuned")).GetProperty("params")));
        Assert.Equal("{}", JsonSerializer.Serialize(ReadResults(Path("plain")).GetProperty("params")));
        Assert.Contains("\nMethod settings (--param; everything else at its defaults):\n\n- itq: iterations=0\n", tuned.StdOut);
        string Metrics(string directory, string method) => string.Join('\n', ReadResults(directory).GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("method").GetString() == method).Select(r => r.GetProperty("metrics").GetRawText()));
        Assert.Equal(Metrics(Path("plain"), "lsh"), Metrics(Path("tuned"), "lsh"));
        Assert.NotEqual(Metrics(Path("plain"), "itq"), Metrics(Path("tuned"), "itq"));
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
