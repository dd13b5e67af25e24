using System.IO.Compression;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

public class VectorFileRoundTripTests
{
    public static TheoryData<string, int> FormatsAndDimensions()
    {
        var data = new TheoryData<string, int>();
        foreach (string ext in new[] { ".fvecs", ".ivecs", ".bvecs", ".fbin", ".u8bin", ".ibin", ".npy", ".hdf5:train" })
            foreach (int dim in new[] { 1, 3, 97, 960 })
                data.Add(ext, dim);
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndDimensions))]
    public void Writes_and_reads_back_every_format(string extension, int dim)
    {
        using var dir = new TempDirectory();
        var m = Random(7, dim, integral: extension is ".ivecs" or ".bvecs" or ".u8bin" or ".ibin", seed: dim);
        string spec = dir.File("v" + extension);
        VectorFile.Write(spec, m);
        var back = VectorFile.Read(spec);
        Assert.Equal((7, dim), (back.Rows, back.Cols));
        Assert.Equal(m.Data, back.Data);
    }

    [Theory]
    [InlineData(".fvecs", 0)]
    [InlineData(".bvecs", 0)]
    [InlineData(".fbin", 3)]
    [InlineData(".u8bin", 3)]
    [InlineData(".npy", 3)]
    [InlineData(".hdf5:train", 3)]
    public void Empty_files_hold_no_rows(string extension, int cols)
    {
        using var dir = new TempDirectory();
        string spec = dir.File("e" + extension);
        VectorFile.Write(spec, new FloatMatrix(0, cols));
        var back = VectorFile.Read(spec);
        Assert.Equal((0, cols), (back.Rows, back.Cols));
        Assert.Equal("e" + extension + ": has no rows",
            Assert.Throws<UserInputException>(() => VectorFile.Read(spec, new VectorReadOptions { RequireRows = true })).Message);
    }

    [Fact]
    public void Texmex_layout_is_dimension_then_elements()
    {
        using var dir = new TempDirectory();
        VectorFile.Write(dir.File("a.bvecs"), new FloatMatrix(2, 3, [1, 2, 3, 4, 5, 255]));
        Assert.Equal([3, 0, 0, 0, 1, 2, 3, 3, 0, 0, 0, 4, 5, 255], File.ReadAllBytes(dir.File("a.bvecs")));
        VectorFile.Write(dir.File("a.u8bin"), new FloatMatrix(2, 3, [1, 2, 3, 4, 5, 255]));
        Assert.Equal([2, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3, 4, 5, 255], File.ReadAllBytes(dir.File("a.u8bin")));
    }

    [Fact]
    public void Npy_of_every_dtype_reads_as_float()
    {
        using var dir = new TempDirectory();
        NpyFile.Write<double>(dir.File("f8.npy"), new[] { 0.5, -1.25, 3, 4 }, 2, 2);
        NpyFile.Write<byte>(dir.File("u1.npy"), new byte[] { 0, 255, 7, 8 }, 2, 2);
        NpyFile.Write<int>(dir.File("i4.npy"), new[] { -3, 2, 1, 0 }, 2, 2);
        NpyFile.Write<long>(dir.File("i8.npy"), new long[] { 9, -9, 1, 1 }, 2, 2);
        Assert.Equal([0.5f, -1.25f, 3, 4], VectorFile.Read(dir.File("f8.npy")).Data);
        Assert.Equal([0f, 255, 7, 8], VectorFile.Read(dir.File("u1.npy")).Data);
        Assert.Equal([-3f, 2, 1, 0], VectorFile.Read(dir.File("i4.npy")).Data);
        Assert.Equal([9f, -9, 1, 1], VectorFile.Read(dir.File("i8.npy")).Data);
    }

    [Fact]
    public void Hdf5_datasets_of_other_types_and_names_are_read()
    {
        string path = Hdf5Fixture.Path("default.hdf5");
        Assert.Equal(Hdf5Fixture.Values('f', 6, 5), VectorFile.Read(path + ":f64").Data);
        Assert.Equal(Hdf5Fixture.Values('i', 4, 3), VectorFile.Read(path + ":ints/i4").Data);
        Assert.Equal(Hdf5Fixture.Values('u', 4, 3).Select(v => v * 0.1f).ToArray(), VectorFile.Read(path + ":ints/u1", new VectorReadOptions { Scale = 0.1f }).Data);
        using var source = VectorFile.Open(path + ":f64");
        Assert.Equal(("default.hdf5:f64", 6, 5), (source.Name, source.Rows, source.Dimension));
        var block = new float[10];
        source.ReadRows(1, 2, block);
        Assert.Equal(Hdf5Fixture.Values('f', 6, 5)[5..15], block);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx_images_flatten_to_rows(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] idx = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255];
        string path = dir.File(gzip ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte");
        File.WriteAllBytes(path, gzip ? Gzip(idx) : idx);
        var m = VectorFile.Read(path);
        Assert.Equal((2, 6), (m.Rows, m.Cols));
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255], m.Data);
        var scaled = VectorFile.Read(path, new VectorReadOptions { Scale = 1f / 255, MaxRows = 1 });
        Assert.Equal((1, 6), (scaled.Rows, scaled.Cols));
        Assert.Equal(2f / 255, scaled.Data[1]);
    }

    [Fact]
    public void Idx_labels_are_rows_of_dimension_one()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4]);
        var m = VectorFile.Read(dir.File("t10k-labels-idx1-ubyte"));
        Assert.Equal((3, 1), (m.Rows, m.Cols));
        Assert.Equal([9f, 0, 4], m.Data);
    }

    [Fact]
    public void Blocks_read_through_a_source_equal_the_whole_file_and_max_rows_cuts()
    {
        using var dir = new TempDirectory();
        var m = Random(10_000, 5, integral: false, seed: 3);
        string path = dir.File("big.fvecs");
        VectorFile.Write(path, m);
        Assert.Equal(m.Data, VectorFile.Read(path).Data);
        using var source = VectorFile.Open(path, new VectorReadOptions { MaxRows = 9000, Scale = 2f });
        Assert.Equal((9000, 5, "big.fvecs"), (source.Rows, source.Dimension, source.Name));
        var block = new float[3 * 5];
        source.ReadRows(8997, 3, block);
        Assert.Equal(m.RowBlock(8997, 3).ToArray().Select(v => v * 2f), block);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadRows(8998, 3, block));
    }

    internal static FloatMatrix Random(int rows, int cols, bool integral, int seed)
    {
        var rng = new Random(seed);
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = integral ? rng.Next(256) : (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }
}
