using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Cli.Tests;

public sealed class GtCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-gt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Writes_the_exact_neighbours_and_distances_of_a_brute_force_reference()
    {
        var rng = new Random(4);
        var b = Random(rng, 700, 13);
        var q = Random(rng, 9, 13);
        VectorFile.Write(File("base.fvecs"), b);
        VectorFile.Write(File("queries.fbin"), q);
        var result = CliHarness.Run("gt", "--base", File("base.fvecs"), "--queries", File("queries.fbin"), "-k", "5",
            "--output", File("gt.npy"), "--distances", File("d.npy"), "--threads", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdOut);
        var ids = NpyFile.Read(File("gt.npy"));
        var distances = NpyFile.Read(File("d.npy"));
        Assert.Equal(("<i8", "<f4"), (ids.DType, distances.DType));
        Assert.Equal([9, 5], ids.Shape);
        Assert.Equal([9, 5], distances.Shape);
        var (expectedIds, expectedDistances) = BruteForce(b, q, 5);
        Assert.Equal(expectedIds, ids.ToInt64());
        Assert.Equal(expectedDistances, distances.ToFloat32());
    }

    [Fact]
    public void Writes_ivecs_and_pads_when_k_exceeds_the_base()
    {
        VectorFile.Write(File("b.fvecs"), new FloatMatrix(3, 1, [0, 10, 3]));
        VectorFile.Write(File("q.fvecs"), new FloatMatrix(1, 1, [4]));
        var result = CliHarness.Run("gt", "--base", File("b.fvecs"), "--queries", File("q.fvecs"), "-k", "4", "--output", File("gt.ivecs"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([[2, 0, 1]], NeighbourFile.ReadGroundTruth(File("gt.ivecs")));
        Assert.Equal(4 + 4 * 4, new FileInfo(File("gt.ivecs")).Length);
    }

    [Fact]
    public void Reads_an_hdf5_dataset_spec()
    {
        VectorFile.Write(File("a.hdf5") + ":train", new FloatMatrix(3, 2, [0, 0, 5, 5, 1, 1]));
        var result = CliHarness.Run("gt", "--base", File("a.hdf5") + ":train", "--queries", File("a.hdf5") + ":train", "-k", "2", "--output", File("gt.npy"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([0L, 2, 1, 2, 2, 0], NpyFile.Read(File("gt.npy")).ToInt64());
    }

    /// <summary>
    /// HDF5 datasets of every element type and storage layout of the h5py fixtures, read by the shipped native CLI,
    /// give the ground truth the library computes in-process from the same dataset.
    /// </summary>
    [Theory]
    [InlineData("f64")]
    [InlineData("ints/u1")]
    [InlineData("ints/i4")]
    [InlineData("ints/i8")]
    [InlineData("be/f4")]
    [InlineData("chunks/shuffle")]
    public void Reads_hdf5_datasets_of_every_element_type(string dataset)
    {
        string spec = Path.Combine(CliHarness.RepositoryRoot, "tests/Sigah.Core.Tests/Files/h5py/latest.hdf5") + ":" + dataset;
        var result = CliHarness.Run("gt", "--base", spec, "--queries", spec, "-k", "3", "--output", File("gt.npy"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        var rows = VectorFile.Read(spec);
        var expected = Sigah.Core.Knn.ExactKnn.Search(rows, rows, 3).Ids;
        Assert.Equal(expected, NpyFile.Read(File("gt.npy")).ToInt64());
    }

    [Fact]
    public void Percent_takes_the_nearest_share_of_the_base_rounded()
    {
        var rng = new Random(9);
        VectorFile.Write(File("b.fvecs"), Random(rng, 30, 4));
        VectorFile.Write(File("q.fvecs"), Random(rng, 6, 4));
        // 5 % of 30 is 1.5, which rounds to 2.
        var percent = CliHarness.Run("gt", "--base", File("b.fvecs"), "--queries", File("q.fvecs"), "--percent", "5", "--output", File("p.npy"));
        var k = CliHarness.Run("gt", "--base", File("b.fvecs"), "--queries", File("q.fvecs"), "-k", "2", "--output", File("k.npy"));
        Assert.Equal((0, 0), (percent.ExitCode, k.ExitCode));
        Assert.Equal([6, 2], NpyFile.Read(File("p.npy")).Shape);
        Assert.Equal(System.IO.File.ReadAllBytes(File("k.npy")), System.IO.File.ReadAllBytes(File("p.npy")));
        Assert.Equal(0, CliHarness.Run("gt", "--base", File("b.fvecs"), "--queries", File("q.fvecs"), "--percent", "0.1", "--output", File("one.npy")).ExitCode);
        Assert.Equal([6, 1], NpyFile.Read(File("one.npy")).Shape);
    }

    /// <summary>MATLAB files (v5 and v7.3) give the ground truth the library computes from the same matrix.</summary>
    [Theory]
    [InlineData("v5-zlib.mat:f64", "v73.mat:f32")]
    [InlineData("v73.mat:tall", "v5.mat:tall")]
    [InlineData("single.mat", "v73-plain.mat")]
    public void Reads_mat_files(string baseSpec, string querySpec)
    {
        string dir = Path.Combine(CliHarness.RepositoryRoot, "tests/Sigah.Core.Tests/Files/mat");
        string b = Path.Combine(dir, baseSpec), q = Path.Combine(dir, querySpec);
        var result = CliHarness.Run("gt", "--base", b, "--queries", q, "-k", "3", "--output", File("gt.npy"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        var expected = Sigah.Core.Knn.ExactKnn.Search(VectorFile.Read(b), VectorFile.Read(q), 3).Ids;
        Assert.Equal(expected, NpyFile.Read(File("gt.npy")).ToInt64());
    }

    [Fact]
    public void Bad_inputs_give_one_error_line_and_exit_code_1()
    {
        VectorFile.Write(File("b.fvecs"), new FloatMatrix(3, 2));
        VectorFile.Write(File("q3.fvecs"), new FloatMatrix(1, 3));
        System.IO.File.WriteAllBytes(File("empty.fvecs"), []);
        AssertError("error: missing.fvecs: no such file\n", "--base", File("missing.fvecs"), "--queries", File("q3.fvecs"), "-k", "1", "--output", File("o.npy"));
        AssertError("error: q3.fvecs: dimension 3 differs from b.fvecs's 2\n", "--base", File("b.fvecs"), "--queries", File("q3.fvecs"), "-k", "1", "--output", File("o.npy"));
        AssertError("error: empty.fvecs: has no rows\n", "--base", File("b.fvecs"), "--queries", File("empty.fvecs"), "-k", "1", "--output", File("o.npy"));
        AssertError("error: -k must be at least 1, got 0\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "-k", "0", "--output", File("o.npy"));
        AssertError("error: o.txt: unknown output extension '.txt' (known: .npy, .ivecs)\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "-k", "1", "--output", File("o.txt"));
        AssertError("error: o.npy: cannot write: directory does not exist\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "-k", "1", "--output", File("nodir/o.npy"));
        AssertError("error: give -k K or --percent P\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "--output", File("o.npy"));
        AssertError("error: give either -k or --percent, not both\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "-k", "1", "--percent", "2", "--output", File("o.npy"));
        AssertError("error: --percent: 0 is not in (0, 100]\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "--percent", "0", "--output", File("o.npy"));
        AssertError("error: --percent: 100.5 is not in (0, 100]\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "--percent", "100.5", "--output", File("o.npy"));
        string mat = Path.Combine(CliHarness.RepositoryRoot, "tests/Sigah.Core.Tests/Files/mat/v5.mat");
        AssertError("error: v5.mat: variable 'cell' is a cell array (Sigah reads real numeric 2-D matrices)\n", "--base", mat + ":cell", "--queries", File("b.fvecs"), "-k", "1", "--output", File("o.npy"));
        AssertError("error: --threads must be at least 1, got 0\n", "--base", File("b.fvecs"), "--queries", File("b.fvecs"), "-k", "1", "--output", File("o.npy"), "--threads", "0");
        Assert.False(System.IO.File.Exists(File("o.npy")));
    }

    private static void AssertError(string stderr, params string[] args)
    {
        var result = CliHarness.Run(["gt", .. args]);
        Assert.Equal(stderr, result.StdErr);
        Assert.Equal(1, result.ExitCode);
    }

    private static FloatMatrix Random(Random rng, int rows, int cols)
    {
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    private static (long[] Ids, float[] Distances) BruteForce(FloatMatrix b, FloatMatrix q, int k)
    {
        var ids = new List<long>();
        var distances = new List<float>();
        for (int i = 0; i < q.Rows; i++)
        {
            var x = q.Row(i).ToArray();
            foreach (var (d, id) in Enumerable.Range(0, b.Rows)
                         .Select(id => (D: b.Row(id).ToArray().Select((y, j) => ((double)x[j] - y) * ((double)x[j] - y)).Sum(), Id: id))
                         .OrderBy(p => p.D).ThenBy(p => p.Id).Take(k))
            {
                ids.Add(id);
                distances.Add((float)d);
            }
        }
        return (ids.ToArray(), distances.ToArray());
    }
}
