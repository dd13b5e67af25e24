namespace Sigah.Core.Tests.IO;

/// <summary>
/// The MATLAB files of <c>Files/mat</c>, written by scipy.io.savemat and h5py (<c>make-fixtures.py</c> there). Their
/// numeric variables hold <see cref="Hdf5Fixture.Value"/> at MATLAB row i, column j.
/// </summary>
internal static class MatFixture
{
    /// <summary>Files holding the same variables: v5 uncompressed and compressed, v7.3 with 512- and 1024-byte user blocks.</summary>
    public static readonly string[] Files = ["v5.mat", "v5-zlib.mat", "v73.mat", "v73-ub1024.mat"];

    /// <summary>The numeric variables of every file of <see cref="Files"/>: name, kind of <see cref="Hdf5Fixture.Value"/>, rows, columns.</summary>
    public static readonly (string Name, char Kind, int Rows, int Cols)[] Matrices =
    [
        ("f64", 'f', 6, 5), ("f32", 'f', 6, 5), ("tall", 'f', 300, 2),
        ("i1", 'i', 4, 3), ("i2", 'i', 4, 3), ("i4", 'i', 4, 3), ("i8", 'i', 4, 3),
        ("u1", 'u', 4, 3), ("u2", 'u', 4, 3), ("u4", 'u', 4, 3), ("u8", 'u', 4, 3),
    ];

    /// <summary>The labels every file holds as labels_col (int32, 7 × 1) and labels_row (double, 1 × 7).</summary>
    public static readonly int[] Labels = [3, 1, 4, 1, 5, 9, 2];

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Files", "mat", file);
}
