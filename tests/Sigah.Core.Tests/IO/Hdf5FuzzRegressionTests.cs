using System.Diagnostics;
using Sigah.IO;
using Sigah.IO.Data;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Damaged HDF5 files the fuzzer made (fuzz/run.sh hdf5, from a 236-byte seed). With PureHDF they failed with its own
/// exceptions (damaged-*), kept it busy for more than 20 s (purehdf-hang) or made it allocate about 470 MB
/// (purehdf-470mb); with Sigah's own reader, zlib's error for a damaged deflate stream escaped (bad-zlib), and
/// loading an ann-benchmarks file whose neighbors had 16 million rows of dimension 0 allocated 134 MB (empty-rows,
/// read as a dataset below), and a resizable dataset whose maximum size was 0 made the chunk index divide by zero
/// (empty-chunk-grid). Each must
/// be rejected at once, with one line naming the file and the problem, allocating little: the file's header is
/// checked against its length before anything is sized by it.
/// </summary>
public sealed class Hdf5FuzzRegressionTests
{
    private const long Allowance = 4 << 20;

    [Theory]
    [InlineData("damaged-1.hdf5", "damaged-1.hdf5: not a valid HDF5 file (object header at 176 (70 bytes) lies beyond the file's 236 bytes)")]
    [InlineData("damaged-2.hdf5", "damaged-2.hdf5: not a valid HDF5 file (object header at 176 (70 bytes) lies beyond the file's 236 bytes)")]
    [InlineData("damaged-3.hdf5", "damaged-3.hdf5: not a valid HDF5 file (object header at 176 (70 bytes) lies beyond the file's 236 bytes)")]
    [InlineData("damaged-4.hdf5", "damaged-4.hdf5: not a valid HDF5 file (object header at 176 (70 bytes) lies beyond the file's 236 bytes)")]
    [InlineData("purehdf-hang.hdf5", "purehdf-hang.hdf5: not a valid HDF5 file (object header at 176 claims 4278190132 bytes)")]
    [InlineData("purehdf-470mb.hdf5", "purehdf-470mb.hdf5: not a valid HDF5 file (object header at 176 (70 bytes) lies beyond the file's 236 bytes)")]
    [InlineData("empty-chunk-grid.hdf5", "empty-chunk-grid.hdf5: not a valid HDF5 file (dataspace dimension 0 has size 6 above its maximum 0)")]
    [InlineData("bad-zlib.hdf5", "bad-zlib.hdf5: not a valid HDF5 file (chunk 0 of bad-zlib.hdf5:train has corrupt deflate data)")]
    public void Damaged_files_are_a_quick_one_line_user_error(string file, string message)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Files", file);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(path + ":train")).Message);
        // Measured on the second read, once the code is compiled. A behavioural check (these inputs once hung or
        // allocated hundreds of MB), not a timing goal: the bound is far above the few milliseconds it takes.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Assert.Throws<UserInputException>(() => VectorFile.Read(path + ":train"));
        Assert.InRange(clock.ElapsedMilliseconds, 0, 1000);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Allowance);
    }

    [Fact]
    public void Ground_truth_of_empty_rows_is_rejected_within_the_allowance()
    {
        // The fuzzer's file: neighbors of 16,771,328 rows of dimension 0, its maximum dimensions broken too.
        string path = Path.Combine(AppContext.BaseDirectory, "Files", "empty-rows.hdf5");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("empty-rows.hdf5: not a valid HDF5 file (dataspace dimension 0 has size 16771328 above its maximum 0)",
            Assert.Throws<UserInputException>(() => Sigah.IO.Data.Datasets.Load(path)).Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Allowance);
    }

    [Fact]
    public void Rows_of_dimension_0_are_rejected_when_opened()
    {
        // Sigah's writer stores the dimensions as the first two 8-byte values equal to them: make them 16771328 x 0.
        using var dir = new TempDirectory();
        string path = dir.File("zero.hdf5");
        VectorFile.Write(path + ":train", new Sigah.Core.Data.FloatMatrix(3, 7));
        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf([.. BitConverter.GetBytes(3UL), .. BitConverter.GetBytes(7UL)]);
        Assert.True(at > 0);
        BitConverter.GetBytes(16771328UL).CopyTo(bytes, at);
        BitConverter.GetBytes(0UL).CopyTo(bytes, at + 8);
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("zero.hdf5:train: 16771328 rows of dimension 0", Assert.Throws<UserInputException>(() => VectorFile.Read(path + ":train")).Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Allowance);
    }

    [Fact]
    public void Object_headers_continuing_into_themselves_are_rejected()
    {
        // Sigah's writer puts the root group's version 1 object header at 48: a 16-byte prefix, then its first
        // message (link info, 8 + 24 bytes). Make that message a continuation back into the same messages.
        using var dir = new TempDirectory();
        string path = dir.File("loop.hdf5");
        VectorFile.Write(path + ":train", new Sigah.Core.Data.FloatMatrix(2, 2));
        byte[] bytes = File.ReadAllBytes(path);
        uint size = BitConverter.ToUInt32(bytes, 48 + 8);
        byte[] continuation = [0x10, 0, 24, 0, 0, 0, 0, 0, .. BitConverter.GetBytes(64UL), .. BitConverter.GetBytes((ulong)size), .. new byte[8]];
        continuation.CopyTo(bytes, 64);
        File.WriteAllBytes(path, bytes);
        Assert.Equal("loop.hdf5: not a valid HDF5 file (object header at 48 continues into itself)",
            Assert.Throws<UserInputException>(() => VectorFile.Read(path + ":train")).Message);
    }
}
