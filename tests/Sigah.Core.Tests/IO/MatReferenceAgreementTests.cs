using System.Globalization;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Every readable matrix of the fixtures, read by Sigah, equals what scipy.io.loadmat (v5) and h5py (v7.3, transposed as
/// MATLAB stores it) read from the same file, converted to float32, and its labels equal theirs exactly.
/// </summary>
public sealed class MatReferenceAgreementTests
{
    /// <summary>Prints "name rows cols v v v ..." per variable, values row-major as float64 reprs.</summary>
    private const string PrintMatrices = """
        import sys, numpy as np
        path, names = sys.argv[1], sys.argv[2].split(",")
        if open(path, "rb").read(128)[124:126] in (b"\x00\x02", b"\x02\x00"):
            import h5py
            with h5py.File(path, "r") as f:
                arrays = {n: f[n][()].T for n in names}
        else:
            import scipy.io
            data = scipy.io.loadmat(path)
            arrays = {n: data[n] for n in names}
        for n, a in arrays.items():
            print(n, a.shape[0], a.shape[1], " ".join(repr(float(x)) for x in a.astype(np.float64).ravel()))
        """;

    private static readonly string[] Names = [.. MatFixture.Matrices.Select(m => m.Name), "labels_col", "labels_row", "logical"];

    public static TheoryData<string> Files => [.. MatFixture.Files, "v5-be.mat", "single.mat"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Sigah_reads_what_scipy_and_h5py_read(string file)
    {
        string[] names = file switch
        {
            "v5-be.mat" => ["f64", "f32", "i2", "u4", "i8"],
            "single.mat" => ["only"],
            _ => Names,
        };
        string path = MatFixture.Path(file);
        var lines = ReferencePython.Run(PrintMatrices, path, string.Join(",", names)).Split('\n');
        Assert.Equal(names.Length, lines.Length);
        foreach (string line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string name = fields[0];
            int rows = int.Parse(fields[1], CultureInfo.InvariantCulture), cols = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var expected = fields[3..].Select(v => (float)double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var m = VectorFile.Read($"{path}:{name}");
            Assert.Equal((name, rows, cols), (name, m.Rows, m.Cols));
            Assert.Equal(expected, m.Data);
            if (name.StartsWith("labels", StringComparison.Ordinal))
                Assert.Equal(fields[3..].Select(v => (int)double.Parse(v, CultureInfo.InvariantCulture)), LabelFile.Read($"{path}:{name}"));
        }
    }
}
