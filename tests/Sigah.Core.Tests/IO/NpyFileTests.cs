using System.Runtime.InteropServices;
using System.Text;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

public class NpyFileTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { 0, 5 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 3, 97 })]
    [InlineData(new[] { 2, 3, 4 })]
    public void Round_trips_every_dtype_and_shape(int[] shape)
    {
        using var dir = new TempDirectory();
        int n = shape.Aggregate(1, (p, s) => p * s);
        var rng = new Random(n);
        AssertRoundTrip(dir.File("f4.npy"), Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray(), shape, "<f4");
        AssertRoundTrip(dir.File("f8.npy"), Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 1e300).ToArray(), shape, "<f8");
        AssertRoundTrip(dir.File("u1.npy"), Enumerable.Range(0, n).Select(_ => (byte)rng.Next(256)).ToArray(), shape, "|u1");
        AssertRoundTrip(dir.File("i4.npy"), Enumerable.Range(0, n).Select(_ => rng.Next(int.MinValue, int.MaxValue)).ToArray(), shape, "<i4");
        AssertRoundTrip(dir.File("i8.npy"), Enumerable.Range(0, n).Select(_ => rng.NextInt64(long.MinValue, long.MaxValue)).ToArray(), shape, "<i8");
    }

    [Fact]
    public void Data_starts_on_a_64_byte_boundary_with_a_newline_terminated_header()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.npy");
        NpyFile.Write<float>(path, new float[6], 2, 3);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(128 + 24, bytes.Length);
        Assert.Equal(1, bytes[6]);
        Assert.Equal((byte)'\n', bytes[127]);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Encoding.Latin1.GetString(bytes, 10, 118));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_every_header_version(int version)
    {
        using var dir = new TempDirectory();
        string path = dir.File("v.npy");
        var values = new[] { 1.5f, -2f, 3.25f, 4f, 5f, 6f };
        File.WriteAllBytes(path, HandMade(version, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        var array = NpyFile.Read(path);
        Assert.Equal([3, 2], array.Shape);
        Assert.Equal(values, array.ToFloat32());
    }

    [Fact]
    public void Accepts_little_endian_u1_spelling()
    {
        using var dir = new TempDirectory();
        string path = dir.File("u.npy");
        File.WriteAllBytes(path, HandMade(1, "{'descr': '<u1', 'fortran_order': False, 'shape': (2,), }", [7, 9]));
        var array = NpyFile.Read(path);
        Assert.Equal("|u1", array.DType);
        Assert.Equal([7L, 9L], array.ToInt64());
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16, "m.npy: Fortran-order arrays are not supported (save with C order)")]
    [InlineData("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }", 8, "m.npy: unsupported dtype '<f2' (supported: <f4, <f8, |u1, <i4, <i8)")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", 16, "m.npy: unsupported dtype '>f4' (supported: <f4, <f8, |u1, <i4, <i8)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12, "m.npy: row 1 is truncated (shape (2, 2) of <f4)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 20, "m.npy: 4 bytes follow the last row (shape (2, 2) of <f4)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647), }", 16, "m.npy: row 0 is truncated (shape (2147483647, 2147483647) of <f4)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", 16, "m.npy: malformed header: no 'shape'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 4), }", 16, "m.npy: arrays of more than 3 dimensions are not supported, found shape '(1, 1, 1, 4)'")]
    public void Malformed_headers_give_one_line_errors(string header, int dataBytes, string message)
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.npy");
        File.WriteAllBytes(path, HandMade(1, header, new byte[dataBytes]));
        Assert.Equal(message, Assert.Throws<UserInputException>(() => NpyFile.Read(path)).Message);
    }

    [Fact]
    public void Header_larger_than_the_file_is_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.File("h.npy");
        byte[] bytes = HandMade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        bytes[8] = 0xff; bytes[9] = 0x7f;
        File.WriteAllBytes(path, bytes);
        Assert.Equal("h.npy: header is larger than the file", Assert.Throws<UserInputException>(() => NpyFile.Read(path)).Message);
    }

    [Fact]
    public void Missing_file_and_bad_magic_are_reported()
    {
        using var dir = new TempDirectory();
        Assert.Equal("none.npy: no such file", Assert.Throws<UserInputException>(() => NpyFile.Read(dir.File("none.npy"))).Message);
        File.WriteAllText(dir.File("text.npy"), "hello world");
        Assert.Equal("text.npy: not a .npy file (bad magic)", Assert.Throws<UserInputException>(() => NpyFile.Read(dir.File("text.npy"))).Message);
    }

    [Fact]
    public void Conversions_follow_the_dtype()
    {
        var ints = new NpyArray("<i8", [3], MemoryMarshal.AsBytes(new long[] { -1, 5, 1L << 40 }.AsSpan()).ToArray(), "n.npy");
        Assert.Equal([-1f, 5f, 1099511627776f], ints.ToFloat32());
        Assert.Equal("n.npy: value 1099511627776 at element 2 does not fit in int32", Assert.Throws<UserInputException>(() => ints.ToInt32()).Message);
        var doubles = new NpyArray("<f8", [2], MemoryMarshal.AsBytes(new[] { 0.1, -3.0 }.AsSpan()).ToArray(), "d.npy");
        Assert.Equal([0.1f, -3f], doubles.ToFloat32());
        Assert.Equal("d.npy: dtype '<f8' cannot be read as int64 (integer dtypes only)", Assert.Throws<UserInputException>(() => doubles.ToInt64()).Message);
        var small = new NpyArray("<i4", [2], MemoryMarshal.AsBytes(new[] { -7, 9 }.AsSpan()).ToArray());
        Assert.Equal([-7L, 9L], small.ToInt64());
    }

    [Fact]
    public void Write_checks_the_shape()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => NpyFile.Write<float>(dir.File("x.npy"), new float[5], 2, 3));
        Assert.False(File.Exists(dir.File("x.npy")));
    }

    private static void AssertRoundTrip<T>(string path, T[] values, int[] shape, string dtype) where T : unmanaged
    {
        NpyFile.Write<T>(path, values, shape);
        var array = NpyFile.Read(path);
        Assert.Equal(dtype, array.DType);
        Assert.Equal(shape, array.Shape);
        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), array.Data);
        Assert.Equal(0, (new FileInfo(path).Length - array.Data.Length) % 64);
    }

    /// <summary>A .npy file built by hand: magic, version, header length, the given header (padded) and data.</summary>
    internal static byte[] HandMade(int version, string header, byte[] data)
    {
        int prefix = version == 1 ? 10 : 12;
        string padded = header.PadRight((prefix + header.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        var bytes = new List<byte>();
        bytes.Add(0x93);
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add((byte)version);
        bytes.Add(0);
        if (version == 1) bytes.AddRange(BitConverter.GetBytes((ushort)padded.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)padded.Length));
        bytes.AddRange(Encoding.UTF8.GetBytes(padded));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
