using Sigah.IO;

namespace Sigah.Core.Tests.IO;

public class NeighbourFileTests
{
    private static readonly long[] Ids = [4, 2, -1, 0, 1, 3];

    [Fact]
    public void Ids_are_int64_npy_and_read_back_without_padding()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ids.npy");
        NeighbourFile.WriteIds(path, Ids, 2, 3);
        var raw = NpyFile.Read(path);
        Assert.Equal("<i8", raw.DType);
        Assert.Equal([2, 3], raw.Shape);
        Assert.Equal(Ids, raw.ToInt64());
        var lists = NeighbourFile.ReadGroundTruth(path);
        Assert.Equal([4, 2], lists[0]);
        Assert.Equal([0, 1, 3], lists[1]);
        Assert.Equal([[4], [0]], NeighbourFile.ReadGroundTruth(path, 1));
    }

    [Fact]
    public void Ivecs_round_trips_with_and_without_a_limit()
    {
        using var dir = new TempDirectory();
        string path = dir.File("gt.ivecs");
        NeighbourFile.WriteIds(path, Ids, 2, 3);
        Assert.Equal(2 * (4 + 3 * 4), new FileInfo(path).Length);
        Assert.Equal([[4, 2], [0, 1, 3]], NeighbourFile.ReadGroundTruth(path));
        Assert.Equal([[4, 2], [0, 1]], NeighbourFile.ReadGroundTruth(path, 2));
        Assert.Equal([[4, 2], [0, 1, 3]], NeighbourFile.ReadGroundTruth(path, 10));
    }

    [Fact]
    public void Int32_npy_ground_truth_is_accepted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("gt32.npy");
        NpyFile.Write<int>(path, new[] { 9, 8, 7, 6 }, 2, 2);
        Assert.Equal([[9, 8], [7, 6]], NeighbourFile.ReadGroundTruth(path));
    }

    [Fact]
    public void Distances_keep_their_dtype()
    {
        using var dir = new TempDirectory();
        NeighbourFile.WriteDistances(dir.File("h.npy"), new[] { 0, 3, 5, 9 }, 2, 2);
        NeighbourFile.WriteDistances(dir.File("l.npy"), new[] { 0.5f, 1f, 2f }, 3, 1);
        var hamming = NpyFile.Read(dir.File("h.npy"));
        var l2 = NpyFile.Read(dir.File("l.npy"));
        Assert.Equal("<i4", hamming.DType);
        Assert.Equal([2, 2], hamming.Shape);
        Assert.Equal([0, 3, 5, 9], hamming.ToInt32());
        Assert.Equal("<f4", l2.DType);
        Assert.Equal([3, 1], l2.Shape);
        Assert.Equal([0.5f, 1f, 2f], l2.ToFloat32());
    }

    [Fact]
    public void Bad_files_are_reported()
    {
        using var dir = new TempDirectory();
        Assert.Equal("gt.txt: unknown neighbour file extension '.txt' (known: .npy, .ivecs)",
            Assert.Throws<UserInputException>(() => NeighbourFile.WriteIds(dir.File("gt.txt"), Ids, 2, 3)).Message);
        NpyFile.Write<float>(dir.File("f.npy"), new float[2], 1, 2);
        Assert.Equal("f.npy: neighbour ids must have dtype int32 or int64, found '<f4'",
            Assert.Throws<UserInputException>(() => NeighbourFile.ReadGroundTruth(dir.File("f.npy"))).Message);
        NpyFile.Write<long>(dir.File("neg.npy"), new long[] { 1, -5 }, 1, 2);
        Assert.Equal("neg.npy: row 0 has negative id -5",
            Assert.Throws<UserInputException>(() => NeighbourFile.ReadGroundTruth(dir.File("neg.npy"))).Message);
        File.WriteAllBytes(dir.File("t.ivecs"), [2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0]);
        Assert.Equal("t.ivecs: row 1 is truncated",
            Assert.Throws<UserInputException>(() => NeighbourFile.ReadGroundTruth(dir.File("t.ivecs"))).Message);
        File.WriteAllBytes(dir.File("d.ivecs"), [2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
        Assert.Equal("d.ivecs: row 1 has dimension 1, expected 2",
            Assert.Throws<UserInputException>(() => NeighbourFile.ReadGroundTruth(dir.File("d.ivecs"))).Message);
        Assert.Equal("no.ivecs: no such file",
            Assert.Throws<UserInputException>(() => NeighbourFile.ReadGroundTruth(dir.File("no.ivecs"))).Message);
    }

    [Fact]
    public void Empty_ivecs_has_no_queries()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("e.ivecs"), []);
        Assert.Empty(NeighbourFile.ReadGroundTruth(dir.File("e.ivecs")));
    }
}
