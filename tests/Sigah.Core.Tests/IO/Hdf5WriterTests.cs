using System.Globalization;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>Files Sigah writes as <c>file.hdf5:dataset</c> are HDF5 as the reference library reads it (through h5py).</summary>
public sealed class Hdf5WriterTests
{
    private const string PrintDataset = """
        import sys, h5py
        with h5py.File(sys.argv[1], "r") as f:
            d = f[sys.argv[2]]
            print(list(f.keys()), d.dtype.str, d.shape, " ".join(repr(float(x)) for x in d[()].ravel()))
        """;

    [Theory]
    [InlineData(3, 4)]
    [InlineData(0, 5)]
    public void H5py_reads_what_Sigah_writes(int rows, int cols)
    {
        using var dir = new TempDirectory();
        var m = new FloatMatrix(rows, cols, Enumerable.Range(0, rows * cols).Select(i => i * 0.5f - 2).ToArray());
        VectorFile.Write(dir.File("w.hdf5") + ":vectors", m);
        string values = string.Join(" ", m.Data.Select(v => ((double)v).ToString("0.0", CultureInfo.InvariantCulture)));
        Assert.Equal($"['vectors'] <f4 ({rows}, {cols}) {values}".TrimEnd(), H5py(dir.File("w.hdf5"), "vectors"));
    }

    private static string H5py(string path, string dataset) => ReferencePython.Run(PrintDataset, path, dataset);
}
