using System.CommandLine;
using System.Globalization;
using Sigah.Cli.Progress;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Protocol;
using Sigah.Hashing;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah bench</c>: every requested hasher × code length on one dataset — train, encode, search,
/// evaluate — then tables (JSON, CSV, Markdown) and plots in the output directory; prints the tables.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset")
        {
            Description = "fashion-mnist, or a dataset path (SIFT/GIST layout, big-ann directory, ann-benchmarks HDF5)",
            DefaultValueFactory = _ => BenchDefaults.Dataset,
        };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated hashers (default: every registered one)" };
        var bits = new Option<string?>("--bits") { Description = $"Comma-separated code lengths (default {string.Join(',', BenchDefaults.Bits)}; --quick {string.Join(',', BenchDefaults.QuickBits)})" };
        var queries = new Option<int?>("--queries") { Description = $"Number of queries: the first N of the dataset's queries (default {BenchDefaults.Queries}; --quick {BenchDefaults.QuickQueries})" };
        var randomQueries = new Option<bool>("--random-queries") { Description = "Draw the queries at random (seeded by --seed) instead of taking the first N" };
        var gtK = new Option<int?>("--gt-k") { Description = $"True neighbours per query: the K nearest by Euclidean distance (default {BenchDefaults.GroundTruthK})" };
        var gtPercent = new Option<double?>("--gt-percent") { Description = "True neighbours per query: the nearest P % of the base instead of --gt-k (e.g. 2)" };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.RequiredPath("--out", "Directory for results.json/.csv/.md, plots and the cached ground truth");
        var maxTrain = new Option<int?>("--max-train") { Description = $"Train on a seeded random subset of this many vectors (default: all; --quick {BenchDefaults.QuickMaxTrain})" };
        var quick = new Option<bool>("--quick") { Description = "Fewer code lengths, queries and training vectors: a first look in a couple of minutes" };
        var threads = new Option<int>("--threads") { Description = "Worker threads for search and evaluation (default: all processors)", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Benchmark hashers on a dataset: mAP and more per method and code length, tables and plots")
        {
            dataset, methods, bits, queries, randomQueries, gtK, gtPercent, seed, maxTrain, output, quick, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            var chosen = ParseMethods(parse.GetValue(methods));
            var codeLengths = ParseBits(parse.GetValue(bits)) ?? (isQuick ? BenchDefaults.QuickBits : BenchDefaults.Bits);
            int queryCount = parse.GetValue(queries) ?? (isQuick ? BenchDefaults.QuickQueries : BenchDefaults.Queries);
            if (queryCount <= 0) throw new UserInputException($"--queries: {queryCount} is not a positive number of queries");
            int? trainLimit = parse.GetValue(maxTrain) ?? (isQuick ? BenchDefaults.QuickMaxTrain : null);
            if (trainLimit <= 0) throw new UserInputException($"--max-train: {trainLimit} is not a positive number of vectors");
            int seedValue = parse.GetValue(seed);
            var definition = Definition(parse.GetValue(gtK), parse.GetValue(gtPercent));
            QuerySelection selection = parse.GetValue(randomQueries)
                ? new QuerySelection.Random(queryCount, seedValue)
                : new QuerySelection.First(queryCount);
            string outDir = CreateOutputDirectory(parse.GetValue(output)!);
            int threadCount = parse.GetValue(threads);
            if (threadCount < 0) throw new UserInputException($"--threads: {threadCount} is negative");

            var results = ProgressRunner.Run(progress =>
            {
                var data = Datasets.Load(parse.GetValue(dataset)!, progress);
                var problem = BenchSetup.Prepare(data, selection, definition, outDir, progress, threadCount, trainLimit, seedValue);
                var settings = new BenchSettings { Bits = codeLengths, Seed = seedValue, Threads = threadCount };
                var measured = BenchRunner.Run(problem, chosen, settings, progress);
                var written = BenchReport.WriteAll(measured, outDir);
                progress.Message($"wrote {string.Join(", ", written)} to {outDir}");
                return measured;
            });
            Console.Out.Write(MarkdownReport.Render(results));
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>Creates <c>--out</c> (and its parents) up front, so a bad path fails before any work, naming the option.</summary>
    private static string CreateOutputDirectory(string path)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        if (File.Exists(path)) throw new UserInputException($"--out: {name} is a file, not a directory");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out: cannot create directory {name} (a parent is a file, or permission is denied)", e);
        }
        return path;
    }

    private static IReadOnlyList<HasherInfo> ParseMethods(string? text)
    {
        if (text is null) return HasherRegistry.All;
        var known = HasherRegistry.All;
        var chosen = new List<HasherInfo>();
        foreach (string name in Split(text, "--methods"))
        {
            var info = known.FirstOrDefault(h => h.Method == name)
                ?? throw new UserInputException($"--methods: unknown method '{name}' (known: {string.Join(", ", known.Select(h => h.Method))})");
            if (!chosen.Contains(info)) chosen.Add(info);
        }
        return chosen;
    }

    private static IReadOnlyList<int>? ParseBits(string? text)
    {
        if (text is null) return null;
        var lengths = new List<int>();
        foreach (string item in Split(text, "--bits"))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int b) || b <= 0 || b % 8 != 0 || b > Sigah.Core.Codes.PackedCodes.MaxBits)
                throw new UserInputException($"--bits: '{item}' is not a positive multiple of 8 up to {Sigah.Core.Codes.PackedCodes.MaxBits}");
            if (!lengths.Contains(b)) lengths.Add(b);
        }
        return lengths;
    }

    private static string[] Split(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UserInputException($"{option}: empty list");
        return items;
    }

    private static GroundTruthDefinition Definition(int? k, double? percent)
    {
        if (k is not null && percent is not null) throw new UserInputException("--gt-percent: give either --gt-k or --gt-percent, not both");
        if (percent is { } p)
        {
            if (!(p > 0 && p <= 100)) throw new UserInputException($"--gt-percent: {p.ToString(CultureInfo.InvariantCulture)} is not in (0, 100]");
            return new GroundTruthDefinition.TopPercent(p);
        }
        int value = k ?? BenchDefaults.GroundTruthK;
        if (value <= 0) throw new UserInputException($"--gt-k: {value} is not a positive number of neighbours");
        return new GroundTruthDefinition.TopK(value);
    }
}
