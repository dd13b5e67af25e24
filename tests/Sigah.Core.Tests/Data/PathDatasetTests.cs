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

    /// <summary>An IDX file: magic (0, 0, 8, number of dimensions), each dimension big-endian, then the bytes.</summary>
    private static byte[] Idx(byte[] values, params int[] dims)
    {
        var bytes = new List<byte> { 0, 0, 8, (byte)dims.Length };
        foreach (int d in dims) bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        bytes.AddRange(values);
        return [.. bytes];
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write(content);
    }

    [Fact]
    public void An_mnist_format_directory_gives_scaled_images_and_their_labels()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("digits"));
        byte[] trainPixels = [.. Enumerable.Range(0, 3 * 2 * 2).Select(i => (byte)(i * 20))];
        WriteGzip(dir.File("digits/train-images-idx3-ubyte.gz"), Idx(trainPixels, 3, 2, 2));
        File.WriteAllBytes(dir.File("digits/t10k-images-idx3-ubyte"), Idx([255, 0, 51, 102], 1, 2, 2));
        WriteGzip(dir.File("digits/train-labels-idx1-ubyte.gz"), Idx([7, 1, 7], 3));
        File.WriteAllBytes(dir.File("digits/t10k-labels-idx1-ubyte"), Idx([1], 1));

        var data = Datasets.Load(dir.File("digits"));

        Assert.Equal("digits", data.Name);
        Assert.Equal(trainPixels.Select(p => p * (1f / 255)), data.Train.Data);
        Assert.Equal([255 * (1f / 255), 0f, 51 * (1f / 255), 102 * (1f / 255)], data.Queries.Data);
        Assert.Equal([7, 1, 7], data.TrainLabels!);
        Assert.Equal([1], data.QueryLabels!);
        Assert.Null(data.GroundTruth);
    }

    [Fact]
    public void Mnist_labels_of_the_wrong_count_name_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), Idx(new byte[8], 2, 2, 2));
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), Idx(new byte[4], 1, 2, 2));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), Idx([1, 2, 3], 3));
        Assert.Equal("train-labels-idx1-ubyte: 3 labels for 2 images", Message(dir.Path));
    }

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
        Assert.Equal("empty: no dataset files found (expected *_base.fvecs, *base*.fbin, MNIST's train-images-idx3-ubyte or an HDF5 file)", Message(dir.File("empty")));
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
