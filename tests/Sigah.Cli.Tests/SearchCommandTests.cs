using Sigah.Core.Codes;
using Sigah.Core.Hamming;
using Sigah.IO;

namespace Sigah.Cli.Tests;

public sealed class SearchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-search-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Base_codes_and_a_mih_index_give_the_brute_force_neighbours()
    {
        var rng = new Random(6);
        var codes = Random(rng, 500, 64);
        var queries = Random(rng, 7, 64);
        CodesFile.Write(File("base.npy"), codes);
        CodesFile.Write(File("q.npy"), queries);
        Assert.Equal(0, CliHarness.Run("index", "build", "--codes", File("base.npy"), "--mih", "--output", File("base.idx")).ExitCode);
        var (expectedIds, expectedDistances) = BruteForce(codes, queries, 12);
        foreach (var source in new[] { new[] { "--base-codes", File("base.npy"), "--method", "linear" }, ["--index", File("base.idx"), "--method", "mih"] })
        {
            var result = CliHarness.Run(["search", .. source, "--query-codes", File("q.npy"), "-k", "12", "--output", File("ids.npy"), "--distances", File("d.npy"), "--threads", "2"]);
            Assert.Equal((0, ""), (result.ExitCode, result.StdErr));
            var ids = NpyFile.Read(File("ids.npy"));
            var distances = NpyFile.Read(File("d.npy"));
            Assert.Equal(("<i8", "<i4"), (ids.DType, distances.DType));
            Assert.Equal([7, 12], ids.Shape);
            Assert.Equal(expectedIds, ids.ToInt64());
            Assert.Equal(expectedDistances, distances.ToInt32());
        }
    }

    [Fact]
    public void Bad_input_is_one_error_line_naming_the_option_or_file()
    {
        var rng = new Random(7);
        CodesFile.Write(File("base.npy"), Random(rng, 20, 64));
        CodesFile.Write(File("q128.npy"), Random(rng, 2, 128));
        CodesFile.Write(File("q.npy"), Random(rng, 2, 64));
        System.IO.File.WriteAllBytes(File("broken.idx"), new byte[100]);
        var cases = new (string[] Args, string Error)[]
        {
            (["--base-codes", File("base.npy"), "--query-codes", File("q128.npy"), "-k", "3"], "q128.npy: codes have 128 bits but base.npy holds 64-bit codes"),
            (["--base-codes", File("base.npy"), "--query-codes", File("q.npy"), "-k", "0"], "-k must be at least 1, got 0"),
            (["--query-codes", File("q.npy"), "-k", "3"], "give exactly one of --index and --base-codes"),
            (["--base-codes", File("base.npy"), "--query-codes", File("q.npy"), "-k", "3", "--method", "fast"], "--method must be linear or mih, got 'fast'"),
            (["--index", File("broken.idx"), "--query-codes", File("q.npy"), "-k", "3"], "broken.idx: not a Sigah index file (bad magic)"),
        };
        foreach (var (args, error) in cases)
        {
            var result = CliHarness.Run(["search", .. args, "--output", File("out.npy")]);
            Assert.Equal((1, $"error: {error}\n"), (result.ExitCode, result.StdErr));
        }
        Assert.False(System.IO.File.Exists(File("out.npy")));
    }

    [Fact]
    public void Index_add_and_remove_change_the_file_and_report_unknown_ids()
    {
        var rng = new Random(8);
        var first = Random(rng, 4, 16);
        var more = Random(rng, 2, 16);
        CodesFile.Write(File("a.npy"), first);
        CodesFile.Write(File("b.npy"), more);
        NpyFile.Write<long>(File("ids.npy"), [40, 10, 30, 20], 4);
        NpyFile.Write<long>(File("more.npy"), [5, 50], 2);
        NpyFile.Write<long>(File("clash.npy"), [7, 30], 2);
        NpyFile.Write<long>(File("gone.npy"), [10, 99], 2);
        Assert.Equal(0, CliHarness.Run("index", "build", "--codes", File("a.npy"), "--ids", File("ids.npy"), "--mih", "--output", File("x.idx")).ExitCode);
        Assert.Equal(0, CliHarness.Run("index", "add", "--index", File("x.idx"), "--codes", File("b.npy"), "--ids", File("more.npy")).ExitCode);
        var clash = CliHarness.Run("index", "add", "--index", File("x.idx"), "--codes", File("b.npy"), "--ids", File("clash.npy"));
        Assert.Equal((1, "error: clash.npy: id 30 is already in x.idx\n"), (clash.ExitCode, clash.StdErr));
        var removed = CliHarness.Run("index", "remove", "--index", File("x.idx"), "--ids", File("gone.npy"));
        Assert.Equal((0, "removed 1 of 2 ids (1 not in x.idx)\n"), (removed.ExitCode, removed.StdOut));

        // Searching for the code of id 30 finds id 30 first; the removed id 10 never appears.
        CodesFile.Write(File("q.npy"), new PackedCodes(1, 16, first.Code(2).ToArray()));
        Assert.Equal(0, CliHarness.Run("search", "--index", File("x.idx"), "--query-codes", File("q.npy"), "-k", "6", "--method", "mih", "--output", File("n.npy")).ExitCode);
        var ids = NpyFile.Read(File("n.npy")).ToInt64();
        Assert.Equal(30, ids[0]);
        Assert.Equal(new long[] { 5, 20, 30, 40, 50, -1 }, ids.Order().Skip(1).Append(-1L).ToArray());
    }

    private static PackedCodes Random(Random rng, int n, int bits)
    {
        var codes = new PackedCodes(n, bits);
        rng.NextBytes(codes.Data);
        return codes;
    }

    private static (long[] Ids, int[] Distances) BruteForce(PackedCodes codes, PackedCodes queries, int k)
    {
        var ids = new List<long>();
        var distances = new List<int>();
        for (int q = 0; q < queries.Count; q++)
            foreach (var (d, i) in Enumerable.Range(0, codes.Count).Select(i => (HammingDistance.Between(queries.Code(q), codes.Code(i)), (long)i)).Order().Take(k))
            {
                ids.Add(i);
                distances.Add(d);
            }
        return (ids.ToArray(), distances.ToArray());
    }
}
