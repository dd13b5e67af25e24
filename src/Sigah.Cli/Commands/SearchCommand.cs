using System.CommandLine;
using Sigah.Core;
using Sigah.IO;
using Sigah.Index;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah search (--index I | --base-codes C.npy) --query-codes Q.npy -k K --output IDS.npy [--distances D.npy]
/// [--method linear|mih] [--threads T]</c>: exact Hamming k-NN, ids as int64 .npy, distances as int32 .npy.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var index = new Option<string?>("--index") { Description = "Index file written by `sigah index build`" };
        var baseCodes = new Option<string?>("--base-codes") { Description = "Database codes (.npy uint8, n × bits/8); ids are row numbers" };
        var queryCodes = CommonOptions.RequiredPath("--query-codes", "Query codes (.npy uint8, nq × bits/8)");
        var k = new Option<int>("-k") { Description = "Neighbours per query", Required = true };
        var output = CommonOptions.RequiredPath("--output", "Neighbour ids (.npy int64, nq × k, -1 where fewer than k exist)");
        var distances = new Option<string?>("--distances") { Description = "Also write Hamming distances (.npy int32, nq × k, -1 padding)" };
        var method = new Option<string>("--method") { Description = "linear (scan) or mih (multi-index hashing); both exact", HelpName = "linear|mih", DefaultValueFactory = _ => "linear" };
        method.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not ("linear" or "mih"))
                result.AddError($"--method must be linear or mih, got '{result.GetValueOrDefault<string>()}'");
        });
        var threads = CommonOptions.Threads();
        var command = new Command("search", "Exact Hamming k-nearest-neighbour search over binary codes")
        {
            index, baseCodes, queryCodes, k, output, distances, method, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string? indexPath = parse.GetValue(index), basePath = parse.GetValue(baseCodes);
            if ((indexPath is null) == (basePath is null)) throw new UserInputException("give exactly one of --index and --base-codes");
            int neighbours = parse.GetValue(k);
            if (neighbours <= 0) throw new UserInputException($"-k must be at least 1, got {neighbours}");
            int threadCount = parse.GetValue(threads);
            if (threadCount < 0) throw new UserInputException($"--threads must be 0 (all processors) or more, got {threadCount}");
            string queryPath = parse.GetValue(queryCodes)!;
            AtomicFile.CheckWritable(parse.GetValue(output)!);
            if (parse.GetValue(distances) is { } distancesPath) AtomicFile.CheckWritable(distancesPath);

            using var searched = indexPath is not null ? HammingIndex.Open(indexPath) : HammingIndex.FromCodes(CodesFile.Read(basePath!));
            var queries = CodesFile.Read(queryPath);
            if (queries.Bits != searched.Bits)
                throw UserInputException.ForFile(queryPath, $"codes have {queries.Bits} bits but {Path.GetFileName(indexPath ?? basePath)} holds {searched.Bits}-bit codes");
            var result = searched.Search(queries, neighbours, new SearchOptions(parse.GetValue(method) == "mih" ? SearchMethod.Mih : SearchMethod.Linear, threadCount));
            NeighbourFile.WriteIds(parse.GetValue(output)!, result.Ids, result.Queries, result.K);
            if (parse.GetValue(distances) is { } distancePath) NeighbourFile.WriteDistances(distancePath, result.Distances, result.Queries, result.K);
            return CliRunner.Ok;
        }));
        return command;
    }
}
