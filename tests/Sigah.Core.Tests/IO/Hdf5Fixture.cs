namespace Sigah.Core.Tests.IO;

/// <summary>
/// The h5py-written files of <c>Files/h5py</c> (made by <c>make-fixtures.py</c> there) and the value every element
/// of their datasets holds.
/// </summary>
internal static class Hdf5Fixture
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Files", "h5py", file);

    /// <summary>Element (i, j) of a dataset of kind 'f' (float), 'i' (signed) or 'u' (unsigned), as make-fixtures.py writes it.</summary>
    public static float Value(char kind, int i, int j)
    {
        int b = (31 * i + 7 * j) % 101;
        return kind switch
        {
            'f' => (b - 50) / 4f,
            'u' => b + 100,
            _ => b - 50,
        };
    }

    /// <summary>A rows × cols dataset of <see cref="Value"/>s, row-major.</summary>
    public static float[] Values(char kind, int rows, int cols)
    {
        var values = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                values[i * cols + j] = Value(kind, i, j);
        return values;
    }
}
