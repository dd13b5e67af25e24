using System.Runtime.InteropServices;
using Sigah.Core.Data;
using Sigah.Core.Tests.IO;
using Sigah.IO;
using Sigah.IO.Data;

namespace Sigah.Core.Tests.Data;

public class PathDatasetTests
{
    private static readonly FloatMatrix Base = VectorFileRoundTripTests.Random(20, 3, integral: false, seed: 1);
    private static readonly FloatMatrix Queries = VectorFileRoundTripTests.Random(4, 3, integral: false, seed: 2);
    private static readonly FloatMatrix Learn = VectorFileRoundTripTests.Random(6, 3, integral: false, seed: 3);
    private static readonly long[] Ids = [3, 1, 0, 19, 5, 6, 7, 8];

    [Fact]
    public void Texmex_layout_loads_from_a_directory_or_a_prefix()
    {
        using var dir = new TempDirectory();
        WriteTexmex(dir.File("sift"));
        foreach (string path in new[] { dir.Path, dir.File("sift") })
        {
            var data = Datasets.Load(path);
            Assert.Equal(Base.Data, data.Train.Data);
            Assert.Equal(Queries.Data, data.Queries.Data);
            Assert.Equal(Learn.Data, data.Learn!.Data);
            Assert.Equal([[3, 1], [0, 19], [5, 6], [7, 8]], data.GroundTruth);
        }
        Assert.Equal("sift", Datasets.Load(dir.File("sift")).Name);
    }

    [Fact]
    public void Texmex_ground_truth_and_learn_are_optional_and_bvecs_is_accepted()
    {
        using var dir = new TempDirectory();
        var bytes = VectorFileRoundTripTests.Random(5, 2, integral: true, seed: 4);
        VectorFile.Write(dir.File("bigann_base.bvecs"), bytes);
        VectorFile.Write(dir.File("bigann_query.bvecs"), bytes);
        var data = Datasets.Load(dir.Path);
        Assert.Equal(bytes.Data, data.Train.Data);
        Assert.Null(data.GroundTruth);
        Assert.Null(data.Learn);
    }

    [Fact]
    public void BigAnn_layout_reads_ids_with_or_without_distances()
    {
        foreach (bool withDistances in new[] { false, true })
        {
            using var dir = new TempDirectory();
            VectorFile.Write(dir.File("base.1M.fbin"), Base);
            VectorFile.Write(dir.File("query.public.4.fbin"), Queries);
            var ids = Ids.Select(i => (int)i).ToArray();
            byte[] gt = [.. BitConverter.GetBytes(4), .. BitConverter.GetBytes(2), .. MemoryMarshal.AsBytes(ids.AsSpan()).ToArray(),
                .. withDistances ? new byte[ids.Length * 4] : []];
            File.WriteAllBytes(dir.File("groundtruth.public.4.ibin"), gt);
            var data = Datasets.Load(dir.Path);
            Assert.Equal(Base.Data, data.Train.Data);
            Assert.Equal(Queries.Data, data.Queries.Data);
            Assert.Equal([[3, 1], [0, 19], [5, 6], [7, 8]], data.GroundTruth);
        }
    }

    [Fact]
    public void Inconsistent_datasets_are_reported()
    {
        using var dir = new TempDirectory();
        WriteTexmex(dir.File("a"));
        VectorFile.Write(dir.File("a_query.fvecs"), VectorFileRoundTripTests.Random(4, 5, integral: false, seed: 1));
        Assert.Equal("a_query.fvecs: dimension 5 differs from a_base.fvecs's 3", Message(dir.File("a")));
        WriteTexmex(dir.File("a"));
        NeighbourFile.WriteIds(dir.File("a_groundtruth.ivecs"), Ids[..6], 3, 2);
        Assert.Equal("a_groundtruth.ivecs: has 3 rows, expected one per query (4)", Message(dir.File("a")));
        NeighbourFile.WriteIds(dir.File("a_groundtruth.ivecs"), [.. Ids[..7], 20], 4, 2);
        Assert.Equal("a_groundtruth.ivecs: row 3 has id 20, outside the 20 base vectors", Message(dir.File("a")));
        WriteTexmex(dir.File("b"));
        Assert.StartsWith($"{Path.GetFileName(dir.Path)}: several *_base files (a_base.fvecs, b_base.fvecs)", Message(dir.Path));
        File.Delete(dir.File("a_query.fvecs"));
        Assert.Equal("a: no a_query.fvecs beside a_base.fvecs", Message(dir.File("a")));
        Assert.Equal("nothing: not a dataset name (fashion-mnist), directory, file prefix (PREFIX_base.fvecs) or HDF5 file", Message(dir.File("nothing")));
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Equal("empty: no dataset files found (expected *_base.fvecs, *base*.fbin or an HDF5 file)", Message(dir.File("empty")));
    }

    private static string Message(string path) => Assert.Throws<UserInputException>(() => Datasets.Load(path)).Message;

    private static void WriteTexmex(string prefix)
    {
        VectorFile.Write(prefix + "_base.fvecs", Base);
        VectorFile.Write(prefix + "_query.fvecs", Queries);
        VectorFile.Write(prefix + "_learn.fvecs", Learn);
        NeighbourFile.WriteIds(prefix + "_groundtruth.ivecs", Ids, 4, 2);
    }
}
