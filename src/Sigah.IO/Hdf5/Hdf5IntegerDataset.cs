using System.Runtime.InteropServices;
using Sigah.Core;

namespace Sigah.IO.Hdf5;

/// <summary>Reads a whole 2-D integer dataset exactly (ann-benchmarks <c>neighbors</c>), as int32 values.</summary>
internal static class Hdf5IntegerDataset
{
    /// <summary>The values row-major, with the dataset's rows and columns.</summary>
    public static (int[] Values, int Rows, int Cols) ReadInt32(string path, string dataset)
    {
        using var file = Hdf5File.Open(path);
        var data = Hdf5Dataset.Open(file, dataset);
        var (rows, cols) = data.MatrixShape();
        if (data.Type.IsFloat) throw new UserInputException($"{data.Name}: expected an integer dataset, found {data.Type}");
        var values = new int[(long)rows * cols];
        if (values.Length == 0) return (values, rows, cols);
        var stored = new byte[(long)values.Length * data.Type.Size];
        new Hdf5RowReader(data, rows, cols).Read(0, rows, stored);
        var normalisedType = data.Type.Normalised;
        var normalised = new byte[(long)values.Length * normalisedType.Size()];
        data.Type.Normalise(stored, normalised, values.Length, data.Name);
        switch (normalisedType)
        {
            case VectorElementType.UInt8:
                for (int i = 0; i < values.Length; i++) values[i] = normalised[i];
                break;
            case VectorElementType.Int32:
                MemoryMarshal.Cast<byte, int>(normalised).CopyTo(values);
                break;
            default:
                var longs = MemoryMarshal.Cast<byte, long>(normalised);
                for (int i = 0; i < values.Length; i++)
                    values[i] = longs[i] is >= int.MinValue and <= int.MaxValue ? (int)longs[i]
                        : throw new UserInputException($"{data.Name}: value {longs[i]} at row {i / cols} does not fit in int32");
                break;
        }
        return (values, rows, cols);
    }

    /// <summary>True when <paramref name="path"/> has an object named <paramref name="dataset"/>.</summary>
    public static bool Exists(string path, string dataset)
    {
        using var file = Hdf5File.Open(path);
        return Hdf5Tree.Exists(file, dataset);
    }
}
