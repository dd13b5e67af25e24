using System.CommandLine;
using System.Globalization;
using System.Text;
using Sigah.Core;
using Sigah.IO;
using Sigah.Evaluation.Metrics;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah eval</c>: retrieval metrics of query codes against base codes, relevance given by ground truth or by class
/// labels, as JSON.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var baseCodes = CommonOptions.RequiredPath("--base-codes", "Base codes (.npy uint8, n x bits/8)");
        var queryCodes = CommonOptions.RequiredPath("--query-codes", "Query codes (.npy uint8, same bits as the base)");
        var gt = new Option<string?>("--gt") { Description = "Ground truth: true neighbours of each query (.ivecs or .npy), nearest first" };
        var gtK = new Option<int?>("--gt-k") { Description = "Use the first K neighbours of each ground-truth row (default: all)" };
        var baseLabels = new Option<string?>("--base-labels")
        {
            Description = "Instead of --gt: the class label of every base code (.npy int, *-labels-idx1-ubyte[.gz], .mat[:VARIABLE]); relevant = same label",
        };
        var queryLabels = new Option<string?>("--query-labels") { Description = "The class label of every query code (with --base-labels)" };
        var mapAt = new Option<int?>("--map-at") { Description = "Also report mAP over the top K of each ranking (map_at, mAP_at_k)" };
        var cutoffs = new Option<string?>("--cutoffs") { Description = "Depths N of precision_at and recall_at, e.g. 1,10,100,1000 (default: powers of ten and the base size)" };
        var json = new Option<string?>("--json") { Description = "Also write the JSON object to this file" };
        var threads = CommonOptions.Threads();
        var command = new Command("eval", "Score query codes against base codes: mAP, tie-averaged mAP, mAP@K, precision/recall@N and within Hamming radius, PR AUC")
        {
            baseCodes, queryCodes, gt, gtK, baseLabels, queryLabels, mapAt, cutoffs, json, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            var relevanceSource = new EvalRelevance(parse.GetValue(gt), parse.GetValue(gtK), parse.GetValue(baseLabels), parse.GetValue(queryLabels));
            relevanceSource.Check();
            int? depth = parse.GetValue(mapAt);
            if (depth <= 0) throw new UserInputException($"--map-at: {depth} is not a positive depth");
            if (parse.GetValue(json) is { } jsonPath) AtomicFile.CheckWritable(jsonPath);
            string basePath = parse.GetValue(baseCodes)!, queryPath = parse.GetValue(queryCodes)!;
            var baseSet = CodesFile.Read(basePath);
            var querySet = CodesFile.Read(queryPath);
            if (baseSet.Count == 0) throw UserInputException.ForFile(basePath, "holds no codes");
            if (querySet.Count == 0) throw UserInputException.ForFile(queryPath, "holds no codes");
            if (querySet.Bits != baseSet.Bits)
                throw UserInputException.ForFile(queryPath, $"codes have {querySet.Bits} bits, the base codes have {baseSet.Bits}");
            int[]? depths = parse.GetValue(cutoffs) is { } list ? ParseCutoffs(list, baseSet.Count) : null;
            var relevance = relevanceSource.Read(baseSet.Count, querySet.Count);
            var metrics = RetrievalEvaluator.Evaluate(baseSet, querySet, relevance, depths, depth, parse.GetValue(threads));
            string text = MetricsJson.ToJson(metrics);
            string? output = parse.GetValue(json);
            if (output is not null) AtomicFile.Write(output, s => s.Write(Encoding.UTF8.GetBytes(text)));
            Console.Out.Write(text);
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>The depths of <c>--cutoffs</c> (comma-separated), ascending without repeats, each in 1..<paramref name="baseCount"/>.</summary>
    private static int[] ParseCutoffs(string list, int baseCount)
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UserInputException("--cutoffs: empty list");
        var depths = new SortedSet<int>();
        foreach (string item in items)
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new UserInputException($"--cutoffs: {UserInputException.Quote(item)} is not a positive integer");
            if (n > baseCount) throw new UserInputException($"--cutoffs: {n} is beyond the {baseCount} base codes");
            depths.Add(n);
        }
        return [.. depths];
    }
}
