using System.IO.Compression;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>Labels, one integer per row, from .npy, MNIST IDX label files and MATLAB vectors, and the errors for anything else.</summary>
public sealed class LabelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5-zlib.mat")]
    [InlineData("v73.mat")]
    public void Matlab_columns_and_rows_of_any_numeric_class_are_labels(string file)
    {
        Assert.Equal(MatFixture.Labels, LabelFile.Read(MatFixture.Path(file) + ":labels_col"));
        Assert.Equal(MatFixture.Labels, LabelFile.Read(MatFixture.Path(file) + ":labels_row"));
    }

    [Fact]
    public void Npy_integer_vectors_and_columns_are_labels()
    {
        NpyFile.Write<long>(_dir.File("a.npy"), [5, -1, 7, 2_000_000_000], 4);
        NpyFile.Write<int>(_dir.File("b.npy"), [3, 1, 4], 3, 1);
        NpyFile.Write<byte>(_dir.File("c.npy"), [0, 255], 2);
        Assert.Equal([5, -1, 7, 2_000_000_000], LabelFile.Read(_dir.File("a.npy")));
        Assert.Equal([3, 1, 4], LabelFile.Read(_dir.File("b.npy")));
        Assert.Equal([0, 255], LabelFile.Read(_dir.File("c.npy")));
    }

    [Fact]
    public void Mnist_label_files_plain_and_gzipped_are_labels()
    {
        byte[] file = [0, 0, 8, 1, 0, 0, 0, 4, 7, 2, 1, 0];
        File.WriteAllBytes(_dir.File("t10k-labels-idx1-ubyte"), file);
        using (var gzip = new GZipStream(File.Create(_dir.File("t10k-labels-idx1-ubyte.gz")), CompressionLevel.Optimal)) gzip.Write(file);
        Assert.Equal([7, 2, 1, 0], LabelFile.Read(_dir.File("t10k-labels-idx1-ubyte")));
        Assert.Equal([7, 2, 1, 0], LabelFile.Read(_dir.File("t10k-labels-idx1-ubyte.gz")));
    }

    [Fact]
    public void Bad_label_files_are_one_line_errors()
    {
        NpyFile.Write<float>(_dir.File("float.npy"), [1, 2], 2);
        NpyFile.Write<int>(_dir.File("matrix.npy"), [1, 2, 3, 4, 5, 6], 2, 3);
        NpyFile.Write<long>(_dir.File("big.npy"), [1, 1L << 40], 2);
        File.WriteAllBytes(_dir.File("images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);
        File.WriteAllText(_dir.File("labels.txt"), "1\n2\n");
        string Error(string spec) => Assert.Throws<UserInputException>(() => LabelFile.Read(spec)).Message;
        Assert.Equal("float.npy: labels must have an integer dtype (<i4, <i8 or |u1), found '<f4'", Error(_dir.File("float.npy")));
        Assert.Equal("matrix.npy: labels must have shape (n,) or (n, 1), found (2, 3)", Error(_dir.File("matrix.npy")));
        Assert.Equal("big.npy: value 1099511627776 at element 1 does not fit in int32", Error(_dir.File("big.npy")));
        Assert.Equal("images-idx3-ubyte: labels must be one value per item, found items of 4 values", Error(_dir.File("images-idx3-ubyte")));
        Assert.Equal("labels.txt: unknown label file extension '.txt' (known: .npy, .mat[:VARIABLE], *-labels-idx1-ubyte[.gz])", Error(_dir.File("labels.txt")));
        Assert.Equal("x.fvecs: labels must be in a file of .npy, .mat[:VARIABLE], *-labels-idx1-ubyte[.gz]", Error(_dir.File("x.fvecs")));
        Assert.Equal("v5.mat:labels_frac: row 1 has label 2.5, not an int32 integer", Error(MatFixture.Path("v5.mat") + ":labels_frac"));
        Assert.Equal("v5.mat:f64: labels must be a vector (n x 1 or 1 x n), found 6 x 5", Error(MatFixture.Path("v5.mat") + ":f64"));
        Assert.Equal("v5.mat: variable 'text' is a char array (Sigah reads real numeric 2-D matrices)", Error(MatFixture.Path("v5.mat") + ":text"));
    }

    [Theory]
    [InlineData("wide", "v73-huge.mat:wide: 4 x 2147483648 is more than Sigah supports")]
    [InlineData("big", "v73-huge.mat:big: 1048576 x 1048576 values need 8796093022208 bytes, far more than the file's 2184 (damaged or mostly unwritten)")]
    public void Huge_v73_matrices_are_rejected_before_allocating(string variable, string message)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read($"{MatFixture.Path("v73-huge.mat")}:{variable}")).Message);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => LabelFile.Read($"{MatFixture.Path("v73-huge.mat")}:{variable}")).Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4 << 20);
    }
}
