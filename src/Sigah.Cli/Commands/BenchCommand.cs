using System.CommandLine;
using System.Globalization;
using Sigah.Cli.Progress;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Protocol;
using Sigah.IO.Data;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah bench</c>: every requested hasher × code length (× seed, for a stochastic hasher under <c>--seeds</c>) on
/// one dataset — train, encode, search, evaluate — then tables (JSON, CSV, Markdown) and plots in the output
/// directory; prints the tables. Option errors, <c>--param</c> settings included, come before any data is read.
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
        var randomQueries = new Option<bool>("--random-queries") { Description = "Draw the queries at random (seeded by --seed, or the first of --seeds) instead of taking the first N" };
        var gtK = new Option<int?>("--gt-k") { Description = $"True neighbours per query: the K nearest by Euclidean distance (default {BenchDefaults.GroundTruthK})" };
        var gtPercent = new Option<double?>("--gt-percent") { Description = "True neighbours per query: the nearest P % of the base instead of --gt-k (e.g. 2)" };
        var relevance = new Option<string>("--relevance")
        {
            Description = "What makes a base item relevant: neighbours (the ground truth, default) or labels (the query's class, where the dataset has labels)",
            DefaultValueFactory = _ => "neighbours",
        };
        var seed = CommonOptions.Seed();
        var seeds = new Option<string?>("--seeds")
        {
            Description = "Comma-separated seeds: each stochastic method trains once per seed, tables show mean ± std (instead of --seed)",
        };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A method's setting as method.name=value, e.g. sigah.epochs=2 (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = CommonOptions.RequiredPath("--out", "Directory for results.json/.csv/.md, plots and the cached ground truth");
        var maxTrain = new Option<int?>("--max-train") { Description = $"Train on a random subset of this many vectors, drawn with the (first) seed (default: all; --quick {BenchDefaults.QuickMaxTrain})" };
        var quick = new Option<bool>("--quick") { Description = "Fewer code lengths, queries and training vectors: a first look in a couple of minutes" };
        var threads = new Option<int>("--threads") { Description = "Worker threads for search and evaluation (default: all processors)", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Benchmark hashers on a dataset: mAP and more per method and code length, tables and plots")
        {
            dataset, methods, bits, queries, randomQueries, gtK, gtPercent, relevance, seed, seeds, parameters, maxTrain, output, quick, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            var chosen = BenchArguments.Methods(parse.GetValue(methods));
            var codeLengths = BenchArguments.Bits(parse.GetValue(bits)) ?? (isQuick ? BenchDefaults.QuickBits : BenchDefaults.Bits);
            var seedList = BenchArguments.Seeds(parse.GetValue(seeds), parse.GetResult(seed) is { Implicit: false } ? parse.GetValue(seed) : null);
            var methodSettings = BenchArguments.Parameters(parse.GetValue(parameters) ?? [], chosen);
            BenchArguments.CheckParameters(methodSettings, chosen, codeLengths[0]);
            int queryCount = parse.GetValue(queries) ?? (isQuick ? BenchDefaults.QuickQueries : BenchDefaults.Queries);
            if (queryCount <= 0) throw new UserInputException($"--queries: {queryCount} is not a positive number of queries");
            int? trainLimit = parse.GetValue(maxTrain) ?? (isQuick ? BenchDefaults.QuickMaxTrain : null);
            if (trainLimit <= 0) throw new UserInputException($"--max-train: {trainLimit} is not a positive number of vectors");
            int firstSeed = seedList[0];
            var definition = Definition(parse.GetValue(gtK), parse.GetValue(gtPercent), parse.GetValue(relevance)!);
            QuerySelection selection = parse.GetValue(randomQueries)
                ? new QuerySelection.Random(queryCount, firstSeed)
                : new QuerySelection.First(queryCount);
            string outDir = CreateOutputDirectory(parse.GetValue(output)!);
            int threadCount = parse.GetValue(threads);
            if (threadCount < 0) throw new UserInputException($"--threads: {threadCount} is negative");

            var results = ProgressRunner.Run(progress =>
            {
                var data = Datasets.Load(parse.GetValue(dataset)!, progress);
                var problem = BenchSetup.Prepare(data, selection, definition, outDir, progress, threadCount, trainLimit, firstSeed);
                var settings = new BenchSettings
                {
                    Bits = codeLengths,
                    Seeds = seedList,
                    Parameters = methodSettings,
                    Threads = threadCount,
                    RefusalReason = (method, e) => (OptionErrors.Translate(method, e) ?? e as UserInputException)?.Message,
                };
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

    private static GroundTruthDefinition Definition(int? k, double? percent, string relevance)
    {
        if (relevance == "labels")
        {
            if (k is not null || percent is not null) throw new UserInputException("--relevance: labels take no --gt-k or --gt-percent");
            return new GroundTruthDefinition.SameLabel();
        }
        if (relevance != "neighbours") throw new UserInputException($"--relevance: '{relevance}' is not neighbours or labels");
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
