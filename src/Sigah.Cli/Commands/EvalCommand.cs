using System.CommandLine;
using System.Text;
using Sigah.Core;
using Sigah.Core.IO;
using Sigah.Evaluation.Metrics;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah eval</c>: retrieval metrics of query codes against base codes and ground truth, as JSON.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var baseCodes = CommonOptions.RequiredPath("--base-codes", "Base codes (.npy uint8, n x bits/8)");
        var queryCodes = CommonOptions.RequiredPath("--query-codes", "Query codes (.npy uint8, same bits as the base)");
        var gt = CommonOptions.RequiredPath("--gt", "Ground truth: true neighbours of each query (.ivecs or .npy), nearest first");
        var gtK = new Option<int?>("--gt-k") { Description = "Use the first K neighbours of each ground-truth row (default: all)" };
        var json = new Option<string?>("--json") { Description = "Also write the JSON object to this file" };
        var threads = CommonOptions.Threads();
        var command = new Command("eval", "Score query codes against base codes: mAP, tie-averaged mAP, precision/recall@N and within Hamming radius, PR AUC")
        {
            baseCodes, queryCodes, gt, gtK, json, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            int? k = parse.GetValue(gtK);
            if (k <= 0) throw new UserInputException($"--gt-k: {k} is not a positive number of neighbours");
            if (parse.GetValue(json) is { } jsonPath) AtomicFile.CheckWritable(jsonPath);
            string basePath = parse.GetValue(baseCodes)!, queryPath = parse.GetValue(queryCodes)!, gtPath = parse.GetValue(gt)!;
            var baseSet = CodesFile.Read(basePath);
            var querySet = CodesFile.Read(queryPath);
            if (baseSet.Count == 0) throw UserInputException.ForFile(basePath, "holds no codes");
            if (querySet.Count == 0) throw UserInputException.ForFile(queryPath, "holds no codes");
            if (querySet.Bits != baseSet.Bits)
                throw UserInputException.ForFile(queryPath, $"codes have {querySet.Bits} bits, the base codes have {baseSet.Bits}");
            var truth = NeighborFile.ReadGroundTruth(gtPath, k);
            GroundTruthLists.Validate(truth, querySet.Count, baseSet.Count, gtPath);
            var metrics = RetrievalEvaluator.Evaluate(baseSet, querySet, truth, threads: parse.GetValue(threads));
            string text = MetricsJson.ToJson(metrics);
            string? output = parse.GetValue(json);
            if (output is not null) AtomicFile.Write(output, s => s.Write(Encoding.UTF8.GetBytes(text)));
            Console.Out.Write(text);
            return CliRunner.Ok;
        }));
        return command;
    }
}
