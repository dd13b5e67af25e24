using System.Buffers.Binary;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// A header cannot make a reader allocate more than the file justifies: for every format, headers claiming
/// 2^31 rows, huge or negative or zero dimensions are rejected with one line, and the attempt allocates at most
/// <see cref="Allowance"/> on the reading thread (the files are a few bytes long).
/// </summary>
public sealed class HeaderMemoryBoundTests
{
    private const long Allowance = 4 << 20;
    private const int Max = int.MaxValue;

    public static TheoryData<string, byte[], string> VectorHeaders => new()
    {
        // TEXMEX: the first row's dimension sizes every row.
        { "a.fvecs", Le(Max, 1, 2), "a.fvecs: row 0 is truncated" },
        { "b.fvecs", Le(-5, 1), "b.fvecs: row 0 has invalid dimension -5" },
        { "c.ivecs", Le(0, 0), "c.ivecs: row 0 has invalid dimension 0" },
        { "d.bvecs", Le(1_000_000_000, 0x01010101), "d.bvecs: row 0 is truncated" },
        // big-ann: rows and dimension in the header.
        { "e.fbin", Le(Max, 1000, 1, 2), "e.fbin: row 0 is truncated (header says 2147483647 rows of dimension 1000)" },
        { "f.fbin", Le(1, Max, 1, 2), "f.fbin: row 0 is truncated (header says 1 rows of dimension 2147483647)" },
        { "g.u8bin", Le(-1, 8, 0), "g.u8bin: invalid header: -1 rows of dimension 8" },
        { "h.ibin", Le(4, -8, 0), "h.ibin: invalid header: 4 rows of dimension -8" },
        { "i.u8bin", Le(Max, 0), "i.u8bin: invalid header: 2147483647 rows of dimension 0" },
        { "j.ibin", Le(Max, Max, 7), "j.ibin: row 0 is truncated (header says 2147483647 rows of dimension 2147483647)" },
        // Zero rows of a dimension whose row size overflows int32 (found by fuzz/run.sh bigann).
        { "z.fbin", Le(0, 1 << 30), "z.fbin: dimension 1073741824 is more than Sigah supports (536870897)" },
        { "y.npy", Npy("<f8", "(0, 1073741824)", 0), "y.npy: dimension 1073741824 is more than Sigah supports (268435448)" },
        // Billions of rows of dimension 0 fit in no bytes at all (found by fuzz/run.sh idx: reading them took minutes).
        { "x-idx3-ubyte", Be(0x00000803, Max, 0, 28), "x-idx3-ubyte: 2147483647 rows of dimension 0" },
        { "w.npy", Npy("<f4", "(2147483647, 0)", 0), "w.npy: 2147483647 rows of dimension 0" },
        // .npy read as vectors.
        { "k.npy", Npy("<f4", "(2147483647, 128)", 64), "k.npy: row 0 is truncated (shape (2147483647, 128) of <f4)" },
        { "l.npy", Npy("|u1", "(-3, 4)", 12), "l.npy: malformed header: shape '(-3, 4)'" },
        { "m.npy", Npy("<f8", "(4, 2147483647, 2147483647)", 8), "m.npy: row 0 is truncated (shape (4, 2147483647, 2147483647) of <f8)" },
        // MNIST IDX, plain and compressed: sizes are big-endian.
        { "n-idx3-ubyte", Be(0x00000803, Max, 28, 28, 0), "n-idx3-ubyte: row 0 is truncated (header says 2147483647 rows of dimension 784)" },
        { "o-idx3-ubyte", Be(0x00000803, 2, Max, Max, 0), "o-idx3-ubyte: invalid IDX header: items of more than 2147483591 values" },
        { "p-idx3-ubyte", Be(0x00000803, 2, -28, 28, 0), "p-idx3-ubyte: invalid IDX header: dimension 1 has size -28" },
        { "q-idx3-ubyte.gz", VectorFileRoundTripTests.Gzip(Be(0x00000803, Max, 28, 28, 0)), "q-idx3-ubyte.gz: row 0 is truncated (header says 2147483647 rows of dimension 784)" },
        { "r-idx3-ubyte.gz", VectorFileRoundTripTests.Gzip(Be(0x00000803, 1, 1 << 20, 1 << 10, 0)), "r-idx3-ubyte.gz: row 0 is truncated (header says 1 rows of dimension 1073741824)" },
    };

    [Theory]
    [MemberData(nameof(VectorHeaders))]
    public void Vector_readers_reject_hostile_headers_within_the_allowance(string name, byte[] bytes, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File(name), bytes);
        AssertBoundedRejection(() => VectorFile.Read(dir.File(name)), message);
    }

    [Theory]
    [InlineData("unwritten-100000x1000.hdf5", "unwritten-100000x1000.hdf5:train: 100000 x 1000 values need 400000000 bytes, far more than the file's 1400 (damaged or mostly unwritten)")]
    [InlineData("unwritten-2e9x1000.hdf5", "unwritten-2e9x1000.hdf5:train: 2000000000 x 1000 values need 8000000000000 bytes, far more than the file's 1400 (damaged or mostly unwritten)")]
    public void Hdf5_datasets_declared_far_larger_than_their_file_are_rejected(string file, string message)
    {
        // h5py files whose chunked 'train' dataset was declared but never written: HDF5 would read fill values.
        string path = Path.Combine(AppContext.BaseDirectory, "Files", file);
        AssertBoundedRejection(() => VectorFile.Read(path + ":train"), message);
    }

    [Theory]
    [InlineData("(2147483647, 8)", "c.npy: row 2 is truncated (shape (2147483647, 8) of |u1)")]
    [InlineData("(16, 0)", "c.npy: codes of 0 bytes are not supported (1 to 512 bytes)")]
    [InlineData("(1, 2147483647)", "c.npy: row 0 is truncated (shape (1, 2147483647) of |u1)")]
    public void Codes_reject_hostile_shapes_within_the_allowance(string shape, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("c.npy"), Npy("|u1", shape, 16));
        if (shape == "(16, 0)") File.WriteAllBytes(dir.File("c.npy"), Npy("|u1", shape, 0));
        AssertBoundedRejection(() => CodesFile.Read(dir.File("c.npy")), message);
    }

    [Fact]
    public void Ground_truth_rejects_hostile_headers_within_the_allowance()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("g.ivecs"), Le(Max, 1, 2, 3));
        AssertBoundedRejection(() => NeighbourFile.ReadGroundTruth(dir.File("g.ivecs")), "g.ivecs: row 0 is truncated");
        File.WriteAllBytes(dir.File("h.ivecs"), Le(-100, 1));
        AssertBoundedRejection(() => NeighbourFile.ReadGroundTruth(dir.File("h.ivecs")), "h.ivecs: row 0 has invalid dimension -100");
        File.WriteAllBytes(dir.File("g.npy"), Npy("<i8", "(2147483647, 100)", 800));
        AssertBoundedRejection(() => NeighbourFile.ReadGroundTruth(dir.File("g.npy")),
            "g.npy: row 1 is truncated (shape (2147483647, 100) of <i8)");
    }

    [Fact]
    public void Npy_arrays_reject_hostile_headers_within_the_allowance()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.npy"), Npy("<f4", "(2147483647,)", 4));
        AssertBoundedRejection(() => NpyFile.Read(dir.File("a.npy")), "a.npy: row 1 is truncated (shape (2147483647,) of <f4)");
        // A header length field claiming 4 GiB in a 76-byte file.
        byte[] v2 = NpyFileTests.HandMade(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        v2[8] = v2[9] = v2[10] = v2[11] = 0xff;
        File.WriteAllBytes(dir.File("b.npy"), v2);
        AssertBoundedRejection(() => NpyFile.Read(dir.File("b.npy")), "b.npy: header is larger than the file");
        File.WriteAllBytes(dir.File("w.npy"), Npy("<f4", "(1, 2, 3, 4)", 96));
        AssertBoundedRejection(() => NpyFile.Read(dir.File("w.npy")), "w.npy: arrays of more than 3 dimensions are not supported, found shape '(1, 2, 3, 4)'");
    }

    private static void AssertBoundedRejection(Action read, string message)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UserInputException>(read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(message, e.Message);
        Assert.True(allocated < Allowance, $"allocated {allocated} bytes");
    }

    /// <summary>Little-endian int32 values.</summary>
    private static byte[] Le(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    /// <summary>Big-endian int32 values (IDX headers).</summary>
    private static byte[] Be(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    private static byte[] Npy(string dtype, string shape, int dataBytes) =>
        NpyFileTests.HandMade(1, $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}", new byte[dataBytes]);
}
