using System.Globalization;
using System.Runtime.InteropServices;
using Sigah.Core;
using Sigah.IO.Mat;

namespace Sigah.IO;

/// <summary>
/// Reads class labels, one integer per row: NumPy <c>.npy</c> (int32, int64 or uint8 of shape (n,) or (n, 1)), MNIST
/// IDX label files (<c>*-labels-idx1-ubyte</c>, optionally <c>.gz</c>) and MATLAB <c>.mat</c> vectors (n × 1 or 1 × n,
/// <c>file.mat:variable</c> or the only matrix; any numeric class, floating-point values must be whole numbers).
/// Values must fit in int32 and are read exactly. Every problem is a one-line <see cref="UserInputException"/>.
/// </summary>
public static class LabelFile
{
    /// <summary>The extensions named in the "unknown extension" message.</summary>
    public const string KnownExtensions = ".npy, .mat[:VARIABLE], *-labels-idx1-ubyte[.gz]";

    /// <summary>Elements of a MATLAB vector normalised per step (32 KB of int64 at most).</summary>
    private const int BlockElements = 4096;

    /// <summary>The labels of <paramref name="spec"/>, row by row.</summary>
    public static int[] Read(string spec)
    {
        var parsed = VectorFileSpec.Parse(spec, "label", KnownExtensions);
        return parsed.Format switch
        {
            VectorFormat.Npy => FromNpy(parsed.Path),
            VectorFormat.Mat => FromMat(parsed.Path, parsed.Dataset),
            VectorFormat.Idx or VectorFormat.IdxGz => FromIdx(spec),
            _ => throw UserInputException.ForFile(parsed.Path, $"labels must be in a file of {KnownExtensions}"),
        };
    }

    private static int[] FromNpy(string path)
    {
        var array = NpyFile.Read(path);
        if (array.DType is not ("<i4" or "<i8" or "|u1"))
            throw UserInputException.ForFile(path, $"labels must have an integer dtype (<i4, <i8 or |u1), found '{array.DType}'");
        if (array.Shape.Length is not (1 or 2) || (array.Shape.Length == 2 && array.Shape[1] != 1))
            throw UserInputException.ForFile(path, $"labels must have shape (n,) or (n, 1), found {NpyHeader.FormatShape(array.Shape)}");
        return array.ToInt32();
    }

    private static int[] FromIdx(string spec)
    {
        var m = VectorFile.Read(spec);
        if (m.Cols != 1) throw UserInputException.ForFile(VectorFileSpec.Parse(spec).Path, $"labels must be one value per item, found items of {m.Cols} values");
        return [.. m.Data.Select(v => (int)v)];
    }

    private static unsafe int[] FromMat(string path, string? variable)
    {
        using var matrix = MatFile.OpenMatrix(path, variable);
        if (matrix.Rows != 1 && matrix.Cols != 1)
            throw new UserInputException($"{matrix.Name}: labels must be a vector (n x 1 or 1 x n), found {matrix.Rows} x {matrix.Cols}");
        int count = matrix.Rows * matrix.Cols, size = matrix.Type.Size;
        var type = matrix.Type.Normalised;
        var labels = new int[count];
        var normalised = new byte[BlockElements * type.Size()];
        for (int start = 0; start < count; start += BlockElements)
        {
            int n = Math.Min(BlockElements, count - start);
            var stored = new ReadOnlySpan<byte>(matrix.Region.Pointer + matrix.Offset + (long)start * size, n * size);
            matrix.Type.Normalise(stored, normalised, n, matrix.Name);
            for (int i = 0; i < n; i++) labels[start + i] = Label(normalised, type, i, start + i, matrix.Name);
        }
        return labels;
    }

    /// <summary>Element <paramref name="i"/> of normalised values of <paramref name="type"/>, which must be a whole number in int32's range.</summary>
    private static int Label(ReadOnlySpan<byte> normalised, VectorElementType type, int i, int row, string name)
    {
        double value = type switch
        {
            VectorElementType.UInt8 => normalised[i],
            VectorElementType.Int32 => MemoryMarshal.Cast<byte, int>(normalised)[i],
            VectorElementType.Int64 => MemoryMarshal.Cast<byte, long>(normalised)[i],
            VectorElementType.Float32 => MemoryMarshal.Cast<byte, float>(normalised)[i],
            _ => MemoryMarshal.Cast<byte, double>(normalised)[i],
        };
        // Every int32 and every int64 in int32's range is exact as a double; larger int64 values fail the range test.
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
            throw new UserInputException($"{name}: row {row} has label {value.ToString("R", CultureInfo.InvariantCulture)}, not an int32 integer");
        return (int)value;
    }
}
