using Sigah.Core.Data;
using Sigah.IO;
using Sigah.IO.Data;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Sigah's HDF5 reader against files written by h5py with default settings and with libver='latest': every
/// element type, layout, chunk index and filter h5py writes, nested groups, and the errors for what is missing
/// or not a matrix.
/// </summary>
public sealed class Hdf5ReaderTests
{
    public static TheoryData<string, string, char, int, int> Datasets()
    {
        var data = new TheoryData<string, string, char, int, int>();
        foreach (string file in new[] { "default.hdf5", "latest.hdf5" })
        {
            data.Add(file, "f32", 'f', 6, 5);
            data.Add(file, "/f64", 'f', 6, 5);
            foreach (string t in new[] { "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8" }) data.Add(file, "ints/" + t, t[0], 4, 3);
            foreach (string t in new[] { "f4", "f8", "i4", "u2" }) data.Add(file, "be/" + t, t[0], 4, 3);
            data.Add(file, "chunks/plain", 'f', 37, 11);
            data.Add(file, "chunks/gzip", 'f', 37, 11);
            data.Add(file, "chunks/shuffle", 'f', 37, 11);
            data.Add(file, "chunks/fletcher", 'f', 37, 11);
            data.Add(file, "chunks/many", 'i', 300, 3);
            data.Add(file, "chunks/single", 'f', 6, 5);
            data.Add(file, "chunks/single_gzip", 'u', 6, 5);
            data.Add(file, "chunks/implicit", 'f', 12, 7);
            data.Add(file, "more/compact", 'f', 3, 4);
            data.Add(file, "more/group/sub/data", 'f', 4, 3);
        }
        data.Add("default.hdf5", "more/resizable", 'f', 20, 6);
        data.Add("latest.hdf5", "more/resizable", 'f', 20, 6);
        data.Add("default.hdf5", "more/resizable2", 'f', 20, 6);
        data.Add("latest.hdf5", "more/resizable2", 'f', 20, 6);
        data.Add("latest.hdf5", "more/paged", 'u', 1100, 2);
        data.Add("latest.hdf5", "appendable", 'i', 600, 2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Datasets_written_by_h5py_read_back_exactly(string file, string dataset, char kind, int rows, int cols)
    {
        var m = VectorFile.Read(Hdf5Fixture.Path(file) + ":" + dataset);
        Assert.Equal((rows, cols), (m.Rows, m.Cols));
        Assert.Equal(Hdf5Fixture.Values(kind, rows, cols), m.Data);
    }

    [Theory]
    [InlineData("default.hdf5")]
    [InlineData("latest.hdf5")]
    public void Row_blocks_of_chunked_data_match_the_whole(string file)
    {
        using var source = VectorFile.Open(Hdf5Fixture.Path(file) + ":chunks/gzip");
        var expected = Hdf5Fixture.Values('f', 37, 11);
        var block = new float[9 * 11];
        for (int start = 0; start < 37; start += 9)
        {
            int count = Math.Min(9, 37 - start);
            source.ReadRows(start, count, block);
            Assert.Equal(expected.AsSpan(start * 11, count * 11).ToArray(), block.AsSpan(0, count * 11).ToArray());
        }
    }

    [Theory]
    [InlineData("default.hdf5")]
    [InlineData("latest.hdf5")]
    public void Chunks_never_written_read_as_the_fill_value(string file)
    {
        var m = VectorFile.Read(Hdf5Fixture.Path(file) + ":chunks/partial");
        var all = Hdf5Fixture.Values('f', 20, 4);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(i is >= 5 and < 10 ? all[i * 4 + j] : -1.5f, m.Data[i * 4 + j]);
    }

    [Theory]
    [InlineData("default.hdf5")]
    [InlineData("latest.hdf5")]
    public void Groups_of_many_links_are_read(string file)
    {
        // 40 links: several symbol table nodes under a B-tree (default), or dense storage in a fractal heap (latest).
        for (int n = 0; n < 40; n++)
            Assert.Equal([n, n], VectorFile.Read($"{Hdf5Fixture.Path(file)}:wide/d{n:00}").Data);
        Assert.StartsWith($"{file}: no dataset 'wide/none' (has: wide/d00, wide/d01, ", Assert.Throws<UserInputException>(() => VectorFile.Read($"{Hdf5Fixture.Path(file)}:wide/none")).Message);
        Assert.EndsWith(", wide/d19, ... 20 more)", Assert.Throws<UserInputException>(() => VectorFile.Read($"{Hdf5Fixture.Path(file)}:wide/none")).Message);
    }

    [Fact]
    public void Dense_groups_indexed_by_a_deeper_b_tree_are_read()
    {
        for (int n = 0; n < 100; n++)
            Assert.Equal([n], VectorFile.Read($"{Hdf5Fixture.Path("latest.hdf5")}:wider/d{n:000}").Data);
    }

    [Fact]
    public void Empty_datasets_have_no_rows()
    {
        foreach (string file in new[] { "default.hdf5", "latest.hdf5" })
        {
            var m = VectorFile.Read(Hdf5Fixture.Path(file) + ":more/empty");
            Assert.Equal((0, 3), (m.Rows, m.Cols));
        }
    }

    [Theory]
    [InlineData("nothing", "default.hdf5: no dataset 'nothing' (has: f32, f64)")]
    [InlineData("more/nothing", "default.hdf5: no dataset 'more/nothing' (has: more/compact, more/cube3d, more/empty, more/resizable, more/resizable2, more/strings, more/vec1d)")]
    [InlineData("more/group/nothing", "default.hdf5: no dataset 'more/group/nothing' (has: )")]
    [InlineData("more", "default.hdf5: 'more' is a group, not a dataset (has: more/compact, more/cube3d, more/empty, more/resizable, more/resizable2, more/strings, more/vec1d)")]
    [InlineData("more/group/", "default.hdf5: 'more/group/' is a group, not a dataset (has: )")]
    [InlineData("f32/x", "default.hdf5: 'f32' is a dataset, not a group")]
    [InlineData("more/vec1d", "default.hdf5:more/vec1d: vectors must be a 2-D dataset (rows, dimension), found 1 dimensions")]
    [InlineData("more/cube3d", "default.hdf5:more/cube3d: vectors must be a 2-D dataset (rows, dimension), found 3 dimensions")]
    public void Missing_and_non_matrix_datasets_are_named(string dataset, string message)
    {
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(Hdf5Fixture.Path("default.hdf5") + ":" + dataset)).Message);
    }

    [Theory]
    [InlineData("default.hdf5")]
    [InlineData("latest.hdf5")]
    public void Unsupported_features_are_named(string file)
    {
        string Error(string dataset) => Assert.Throws<UserInputException>(() => VectorFile.Read(Hdf5Fixture.Path(file) + ":" + dataset)).Message;
        Assert.Equal($"{file}: unsupported HDF5 feature (string elements (Sigah reads numbers))", Error("more/strings"));
        Assert.Equal($"{file}: unsupported HDF5 feature (soft and external links ('more/link'))", Error("more/link"));
    }
    [Fact]
    public void Ann_benchmarks_files_load_as_a_dataset()
    {
        var data = Sigah.IO.Data.Datasets.Load(Hdf5Fixture.Path("ann-benchmarks.hdf5"));
        Assert.Equal("ann-benchmarks", data.Name);
        Assert.Equal(Hdf5Fixture.Values('f', 50, 8), data.Train.Data);
        Assert.Equal(Hdf5Fixture.Values('f', 5, 8), data.Queries.Data);
        var expected = Enumerable.Range(0, 5).Select(q => Enumerable.Range(0, 4).Select(k => (q * 4 + k) * 3 % 50).ToArray()).ToArray();
        Assert.Equal(expected, data.GroundTruth);
        var distances = VectorFile.Read(Hdf5Fixture.Path("ann-benchmarks.hdf5") + ":distances");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)(i / 19.0)).ToArray(), distances.Data);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_files_are_one_line_errors(double keep)
    {
        using var dir = new TempDirectory();
        foreach (string file in new[] { "default.hdf5", "latest.hdf5" })
        {
            byte[] bytes = File.ReadAllBytes(Hdf5Fixture.Path(file));
            string path = dir.File("t.hdf5");
            File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
            foreach (string dataset in new[] { "chunks/gzip", "chunks/fletcher", "more/group/sub/data", "f32" })
            {
                try
                {
                    var m = VectorFile.Read(path + ":" + dataset);
                    // Whatever is still complete must read back exactly.
                    Assert.Equal(Hdf5Fixture.Values('f', m.Rows, m.Cols), m.Data);
                }
                catch (UserInputException e)
                {
                    Assert.StartsWith("t.hdf5", e.Message);
                    Assert.DoesNotContain('\n', e.Message);
                }
            }
        }
    }

    [Fact]
    public void Truncated_data_is_reported_before_reading()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(Hdf5Fixture.Path("ann-benchmarks.hdf5"));
        File.WriteAllBytes(dir.File("t.hdf5"), bytes[..7000]); // train's data is bytes 6144..7744
        Assert.Equal("t.hdf5: not a valid HDF5 file (data of t.hdf5:train (1600 bytes) lies beyond the file's 7000 bytes)",
            Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("t.hdf5") + ":train")).Message);
    }
}
