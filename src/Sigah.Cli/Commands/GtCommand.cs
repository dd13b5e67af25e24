using System.CommandLine;
using Sigah.Cli.Progress;
using Sigah.Core.Blas;
using Sigah.Core.Knn;

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
            if (threadCount < 1) throw new Core.UserInputException($"--threads must be at least 1, got {threadCount}");
            Gemm.Threads = threadCount;
            var job = new GroundTruthJob(parse.GetValue(baseFile)!, parse.GetValue(queries)!, parse.GetValue(k), parse.GetValue(output)!,
                parse.GetValue(distances), parse.GetValue(scale), threadCount, parse.GetValue(percent));
            ProgressRunner.Run(progress => job.Run(progress));
            return CliRunner.Ok;
        }));
        return command;
    }
}
