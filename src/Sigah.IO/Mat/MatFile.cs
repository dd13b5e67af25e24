using Sigah.Core;
using Sigah.IO.Hdf5;

namespace Sigah.IO.Mat;

/// <summary>
/// Reads one matrix of a MATLAB MAT-file, v5 (uncompressed or zlib-compressed, either byte order) or v7.3 (HDF5): the
/// variable named, or the only real numeric 2-D matrix when none is named. Rows are MATLAB rows.
/// </summary>
internal static class MatFile
{
    /// <summary>The matrix of variable <paramref name="variable"/> (or the only matrix, when null) of <paramref name="path"/>.</summary>
    public static MatMatrix OpenMatrix(string path, string? variable)
    {
        using var file = Open(path);
        return MatVariableChoice.Choose(Path.GetFileName(path), file.ReadVariables(), variable).Load();
    }

    /// <summary>The names of every variable of <paramref name="path"/>, readable or not, in the order the file lists them.</summary>
    public static IReadOnlyList<string> VariableNames(string path)
    {
        using var file = Open(path);
        return [.. file.ReadVariables().Select(v => v.Name)];
    }

    /// <summary>
    /// Opens <paramref name="path"/> by its header: v5 or v7.3 by the version field; a file without a MATLAB header is
    /// read as v7.3 when it has an HDF5 signature (searched at 0, 512, 1024, ...), as h5py writes with a user block.
    /// </summary>
    private static IMatFile Open(string path)
    {
        MatHeader? header;
        long length;
        bool hdf5;
        using (var stream = NpyFile.OpenRead(path))
        {
            length = stream.Length;
            var bytes = new byte[MatHeader.Length];
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            header = MatHeader.Parse(bytes.AsSpan(0, read));
            hdf5 = header is null && Hdf5Superblock.Find(stream.SafeFileHandle, length) >= 0;
        }
        if (header?.Version == MatVersion.V5) return new MatV5File(path, length, header.BigEndian);
        if (header?.Version == MatVersion.V73 || hdf5) return MatV73File.Open(path);
        throw UserInputException.ForFile(path, "not a MAT-file (no MATLAB v5 header, no HDF5 signature of v7.3)");
    }
}
