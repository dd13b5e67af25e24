using Microsoft.Win32.SafeHandles;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// The row layout of TEXMEX files (<c>.fvecs</c>, <c>.ivecs</c>, <c>.bvecs</c>): each row is an int32 dimension d
/// followed by d elements. All rows of a valid file share one dimension.
/// </summary>
internal static class TexmexLayout
{
    /// <summary>
    /// Finds rows and dimension of a TEXMEX file of <paramref name="elementSize"/>-byte elements from its first
    /// row and its length. When the length is not a whole number of rows, scans the row prefixes and names the
    /// first bad row (dimension change or truncation). An empty file has 0 rows of dimension 0.
    /// </summary>
    public static (int Rows, int Dimension) Measure(SafeFileHandle file, string path, int elementSize)
    {
        long length = RandomAccess.GetLength(file);
        if (length == 0) return (0, 0);
        if (length < 4) throw UserInputException.ForFile(path, "row 0 is truncated");
        int dim = ReadInt32(file, 0);
        if (dim <= 0) throw UserInputException.ForFile(path, $"row 0 has invalid dimension {dim}");
        long rowBytes = 4 + (long)dim * elementSize;
        if (length % rowBytes != 0) throw FirstBadRow(file, path, dim, rowBytes, length);
        long rows = length / rowBytes;
        if (rows > Array.MaxLength) throw UserInputException.ForFile(path, $"{rows} rows are more than Sigah supports ({Array.MaxLength})");
        return ((int)rows, dim);
    }

    /// <summary>The error for the first row whose dimension differs from <paramref name="dim"/> or that is cut short.</summary>
    public static UserInputException FirstBadRow(SafeFileHandle file, string path, int dim, long rowBytes, long length)
    {
        for (long row = 0, offset = 0; ; row++, offset += rowBytes)
        {
            if (length - offset < 4) return UserInputException.ForFile(path, $"row {row} is truncated");
            int d = ReadInt32(file, offset);
            if (d != dim) return DimensionMismatch(path, row, d, dim);
            if (length - offset < rowBytes) return UserInputException.ForFile(path, $"row {row} is truncated");
        }
    }

    /// <summary>The conventional message for a row of the wrong dimension.</summary>
    public static UserInputException DimensionMismatch(string path, long row, int found, int expected) =>
        UserInputException.ForFile(path, $"row {row} has dimension {found}, expected {expected}");

    private static int ReadInt32(SafeFileHandle file, long offset)
    {
        Span<byte> buffer = stackalloc byte[4];
        RandomAccess.Read(file, buffer, offset);
        return BitConverter.ToInt32(buffer);
    }
}
