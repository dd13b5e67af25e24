using System.CommandLine;
using System.Globalization;
using Sigah.Cli.Progress;
using Sigah.Core;
using Sigah.Core.Blas;
using Sigah.Core.Knn;
using Sigah.IO;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah gt --base B --queries Q (-k K | --percent P) --output GT.(ivecs|npy) [--distances D.npy] [--threads T] [--scale S]</c>:
/// exact squared-L2 nearest neighbours of every query (the K nearest, or the nearest P % of the base), ties by smaller id.
/// </summary>
internal static class GtCommand
{
    public static Command Create()
    {
        var baseFile = CommonOptions.RequiredPath("--base", "Base vectors (.fvecs .bvecs .fbin .u8bin .npy file.hdf5:DATASET file.mat[:VARIABLE] *-idx3-ubyte[.gz] ...)");
        var queries = CommonOptions.RequiredPath("--queries", "Query vectors, same formats");
        var k = new Option<int?>("-k") { Description = "Neighbours per query" };
        var percent = new Option<double?>("--percent") { Description = "Neighbours per query as a share of the base: the nearest P % (rounded, at least 1), instead of -k" };
        var output = CommonOptions.RequiredPath("--output", "Neighbour ids: .npy (int64, nq × k, -1 where fewer than k exist) or .ivecs");
        var distances = new Option<string?>("--distances") { Description = "Also write squared L2 distances (.npy float32, nq × k)" };
        var scale = new Option<float?>("--scale") { Description = "Multiply every input value by S (e.g. 0.00392157 for pixel bytes)" };
        var threads = CommonOptions.Threads();
        var command = new Command("gt", "Exact Euclidean ground truth: the k nearest base vectors of every query")
        {
            baseFile, queries, k, percent, output, distances, scale, threads,
        };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1) throw new UserInputException($"--threads must be at least 1, got {threadCount}");
            Gemm.Threads = threadCount;
            int? neighbours = parse.GetValue(k);
            double? share = parse.GetValue(percent);
            if (neighbours is null && share is null) throw new UserInputException("give -k K or --percent P");
            if (neighbours is not null && share is not null) throw new UserInputException("give either -k or --percent, not both");
            if (neighbours < 1) throw new UserInputException($"-k must be at least 1, got {neighbours}");
            if (share is { } p && !(p > 0 && p <= 100))
                throw new UserInputException($"--percent: {p.ToString(CultureInfo.InvariantCulture)} is not in (0, 100]");
            var job = new GroundTruthJob(parse.GetValue(baseFile)!, parse.GetValue(queries)!, neighbours, parse.GetValue(output)!,
                parse.GetValue(distances), parse.GetValue(scale), threadCount, share);
            ProgressRunner.Run(progress => job.Run(progress));
            return CliRunner.Ok;
        }));
        return command;
    }
}
