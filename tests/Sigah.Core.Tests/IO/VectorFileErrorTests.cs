using System.Runtime.InteropServices;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>Every malformed file gives exactly one line naming the file and the first bad row.</summary>
public class VectorFileErrorTests
{
    private const string Known = "(known: .fvecs, .ivecs, .bvecs, .fbin, .u8bin, .ibin, .npy, .hdf5:DATASET, .h5:DATASET, .mat[:VARIABLE], *-idx3-ubyte[.gz])";

    [Fact]
    public void Truncated_row_is_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("t.fvecs"), Fvecs(3, 3, 3)[..^2]);
        Assert.Equal("t.fvecs: row 2 is truncated", ReadError(dir.File("t.fvecs")));
    }

    [Fact]
    public void Dimension_change_mid_file_is_named_whether_or_not_the_length_divides()
    {
        using var dir = new TempDirectory();
        // Rows of dimension 3, 3, 2: the length is not a multiple of a dimension-3 row.
        File.WriteAllBytes(dir.File("a.fvecs"), [.. Fvecs(2, 3, 3), .. Fvecs(1, 2, 2)]);
        Assert.Equal("a.fvecs: row 2 has dimension 2, expected 3", ReadError(dir.File("a.fvecs")));
        // Rows of dimension 1, 3, 1, 1, 1, 1: eight floats, the same length as two dimension-3 rows.
        File.WriteAllBytes(dir.File("b.fvecs"), [.. Fvecs(1, 1, 1), .. Fvecs(1, 3, 3), .. Fvecs(4, 1, 1)]);
        Assert.Equal("b.fvecs: row 1 has dimension 3, expected 1", ReadError(dir.File("b.fvecs")));
    }

    [Theory]
    [InlineData("h.fbin", new byte[] { 1, 0, 0 }, "h.fbin: header is larger than the file")]
    [InlineData("h.npy", new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 200, 0 }, "h.npy: header is larger than the file")]
    [InlineData("h-idx3-ubyte", new byte[] { 0, 0, 8, 3, 0, 0, 0, 1 }, "h-idx3-ubyte: header is larger than the file")]
    [InlineData("z.fbin", new byte[] { 2, 0, 0, 0, 0, 0, 0, 0 }, "z.fbin: invalid header: 2 rows of dimension 0")]
    [InlineData("r.fvecs", new byte[] { 0, 0, 0, 0 }, "r.fvecs: row 0 has invalid dimension 0")]
    [InlineData("s.u8bin", new byte[] { 2, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3 }, "s.u8bin: row 1 is truncated (header says 2 rows of dimension 2)")]
    [InlineData("l.u8bin", new byte[] { 1, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3 }, "l.u8bin: 1 bytes follow the last row (header says 1 rows of dimension 2)")]
    [InlineData("m-idx3-ubyte", new byte[] { 0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3 }, "m-idx3-ubyte: row 1 is truncated (header says 2 rows of dimension 2)")]
    [InlineData("w-idx3-ubyte", new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "w-idx3-ubyte: unsupported IDX element type 0x0D (only unsigned bytes, 0x08)")]
    [InlineData("x-idx3-ubyte", new byte[] { 1, 2, 8, 1, 0, 0, 0, 1, 0 }, "x-idx3-ubyte: not an IDX file (bad magic)")]
    public void Headers_are_checked_against_the_file(string name, byte[] bytes, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File(name), bytes);
        Assert.Equal(message, ReadError(dir.File(name)));
    }

    [Fact]
    public void A_header_claiming_two_billion_rows_fails_before_allocating()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("big.fbin"), [0xff, 0xff, 0xff, 0x7f, 0, 1, 0, 0, .. new byte[1024]]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("big.fbin: row 1 is truncated (header says 2147483647 rows of dimension 256)", ReadError(dir.File("big.fbin")));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        File.WriteAllBytes(dir.File("big-idx3-ubyte.gz"), VectorFileRoundTripTests.Gzip([0, 0, 8, 2, 0x7f, 0xff, 0xff, 0xff, 0, 0, 1, 0, 1, 2, 3]));
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("big-idx3-ubyte.gz: row 0 is truncated (header says 2147483647 rows of dimension 256)", ReadError(dir.File("big-idx3-ubyte.gz")));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
    }

    [Theory]
    [InlineData(".fvecs")]
    [InlineData(".fbin")]
    [InlineData(".npy")]
    [InlineData(".hdf5")]
    public void Non_finite_values_are_named_by_row(string extension)
    {
        using var dir = new TempDirectory();
        var m = VectorFileRoundTripTests.Random(6, 3, integral: false, seed: 1);
        m.Data[3 * 3 + 1] = float.NaN;
        m.Data[5 * 3] = float.PositiveInfinity;
        string path = dir.File("x" + extension);
        string spec = extension == ".hdf5" ? path + ":train" : path;
        WriteUnchecked(spec, m);
        string name = extension == ".hdf5" ? "x.hdf5:train" : "x" + extension;
        Assert.Equal($"{name}: row 3 has a non-finite value", ReadError(spec));
    }

    [Fact]
    public void Scaling_into_infinity_is_caught()
    {
        using var dir = new TempDirectory();
        VectorFile.Write(dir.File("a.fvecs"), new FloatMatrix(1, 1, [3e38f]));
        Assert.Equal("a.fvecs: row 0 has a non-finite value",
            Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("a.fvecs"), new VectorReadOptions { Scale = 10 })).Message);
    }

    [Fact]
    public void Wrong_dtypes_and_shapes_are_reported()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("h.npy"), NpyFileTests.HandMade(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }", new byte[8]));
        Assert.Equal("h.npy: unsupported dtype '<f2' (supported: <f4, <f8, |u1, <i4, <i8)", ReadError(dir.File("h.npy")));
        File.WriteAllBytes(dir.File("f.npy"), NpyFileTests.HandMade(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16]));
        Assert.Equal("f.npy: Fortran-order arrays are not supported (save with C order)", ReadError(dir.File("f.npy")));
        NpyFile.Write<float>(dir.File("v.npy"), new float[4], 4);
        Assert.Equal("v.npy: vectors must be a 2-D array (rows, dimension), found shape (4,)", ReadError(dir.File("v.npy")));
    }

    [Fact]
    public void Unknown_extension_and_missing_file_are_reported()
    {
        using var dir = new TempDirectory();
        Assert.Equal($"x.foo: unknown vector file extension '.foo' {Known}", ReadError(dir.File("x.foo")));
        Assert.Equal($"x: unknown vector file extension '' {Known}", ReadError(dir.File("x")));
        Assert.Equal("x.fvecs: no such file", ReadError(dir.File("x.fvecs")));
        Assert.Equal("x.hdf5: no such file", ReadError(dir.File("x.hdf5") + ":train"));
        Assert.Equal("x-idx3-ubyte.gz: no such file", ReadError(dir.File("x-idx3-ubyte.gz")));
        Assert.Equal($"x.foo: unknown vector file extension '.foo' {Known}",
            Assert.Throws<UserInputException>(() => VectorFile.Write(dir.File("x.foo"), new FloatMatrix(1, 1))).Message);
    }

    [Fact]
    public void Hdf5_dataset_must_be_named_and_exist()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.hdf5");
        VectorFile.Write(path + ":train", new FloatMatrix(2, 2));
        Assert.Equal("a.hdf5: name the HDF5 dataset after a colon, e.g. file.hdf5:train", ReadError(path));
        Assert.Equal("a.hdf5: no dataset 'test' (has: train)", ReadError(path + ":test"));
        File.WriteAllText(dir.File("n.h5"), "not hdf5 at all");
        Assert.StartsWith("n.h5: not a valid HDF5 file (", ReadError(dir.File("n.h5") + ":train"));
    }

    [Fact]
    public void Hdf5_dimensions_larger_than_the_file_fail_before_allocating()
    {
        using var dir = new TempDirectory();
        string path = dir.File("lie.hdf5");
        VectorFile.Write(path + ":train", new FloatMatrix(123_457, 1));
        // Rewrite the stored row count (8-byte little-endian in the dataspace message) to two billion.
        byte[] bytes = File.ReadAllBytes(path);
        byte[] rows = BitConverter.GetBytes(123_457UL);
        int at = bytes.AsSpan().IndexOf(rows);
        Assert.True(at > 0);
        BitConverter.GetBytes(2_000_000_000UL).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        Assert.Equal($"lie.hdf5:train: 2000000000 x 1 values do not fit in the file's {bytes.Length} bytes", ReadError(path + ":train"));
    }

    [Fact]
    public void Corrupt_gzip_is_reported()
    {
        using var dir = new TempDirectory();
        byte[] gz = VectorFileRoundTripTests.Gzip([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]);
        gz[12] ^= 0xff;
        File.WriteAllBytes(dir.File("c-idx1-ubyte.gz"), gz);
        Assert.StartsWith("c-idx1-ubyte.gz: not a valid gzip file (", ReadError(dir.File("c-idx1-ubyte.gz")));
    }

    [Theory]
    [InlineData("a.bvecs", 1.5f, "a.bvecs: row 1 has value 1.5, which is not an integer in 0..255")]
    [InlineData("a.u8bin", 256f, "a.u8bin: row 1 has value 256, which is not an integer in 0..255")]
    [InlineData("a.ivecs", -0.5f, "a.ivecs: row 1 has value -0.5, which is not an integer in -2147483648..2147483647")]
    [InlineData("a.fvecs", float.NaN, "a.fvecs: row 1 has a non-finite value")]
    public void Writers_refuse_values_the_format_cannot_hold(string name, float value, string message)
    {
        using var dir = new TempDirectory();
        var m = new FloatMatrix(2, 2, [1, 2, 3, value]);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Write(dir.File(name), m)).Message);
        Assert.False(File.Exists(dir.File(name)));
    }

    private static string ReadError(string spec) =>
        Assert.Throws<UserInputException>(() => VectorFile.Read(spec)).Message;

    /// <summary>Rows × dim TEXMEX float rows whose dimension prefix says <paramref name="prefix"/>.</summary>
    private static byte[] Fvecs(int rows, int dim, int prefix)
    {
        var bytes = new List<byte>();
        for (int r = 0; r < rows; r++)
        {
            bytes.AddRange(BitConverter.GetBytes(prefix));
            for (int j = 0; j < dim; j++) bytes.AddRange(BitConverter.GetBytes((float)(r + j)));
        }
        return bytes.ToArray();
    }

    /// <summary>Writes <paramref name="m"/> even with non-finite values (the writers refuse them), by format.</summary>
    private static void WriteUnchecked(string spec, FloatMatrix m)
    {
        if (spec.EndsWith(".npy", StringComparison.Ordinal)) { NpyFile.Write<float>(spec, m.Data, m.Rows, m.Cols); return; }
        if (spec.EndsWith(":train", StringComparison.Ordinal))
        {
            // Sigah's HDF5 writer puts the contiguous data last: write finite values, then put the real ones there.
            VectorFile.Write(spec, new FloatMatrix(m.Rows, m.Cols));
            byte[] bytes = File.ReadAllBytes(spec[..^6]);
            MemoryMarshal.AsBytes(m.Data.AsSpan()).CopyTo(bytes.AsSpan(bytes.Length - m.Data.Length * sizeof(float)));
            File.WriteAllBytes(spec[..^6], bytes);
            return;
        }
        using var stream = File.Create(spec);
        if (spec.EndsWith(".fbin", StringComparison.Ordinal)) { stream.Write(BitConverter.GetBytes(m.Rows)); stream.Write(BitConverter.GetBytes(m.Cols)); }
        for (int r = 0; r < m.Rows; r++)
        {
            if (spec.EndsWith(".fvecs", StringComparison.Ordinal)) stream.Write(BitConverter.GetBytes(m.Cols));
            foreach (float v in m.Row(r)) stream.Write(BitConverter.GetBytes(v));
        }
    }
}
