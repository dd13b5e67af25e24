using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>Turns stored rows into checked, scaled float32 rows: the one conversion every reader shares.</summary>
internal sealed class RowConverter(string name, VectorElementType type, int dimension, float? scale)
{
    private readonly bool _checkFinite = type.IsFloatingPoint() || scale is not null;

    /// <summary>
    /// Converts one stored row (<c>Dimension * ElementSize</c> bytes) into <paramref name="destination"/>
    /// (<c>Dimension</c> values); <paramref name="row"/> is its index in the file, for messages.
    /// </summary>
    public void Convert(ReadOnlySpan<byte> source, Span<float> destination, long row)
    {
        destination = destination[..dimension];
        switch (type)
        {
            case VectorElementType.Float32:
                MemoryMarshal.Cast<byte, float>(source[..(dimension * 4)]).CopyTo(destination);
                break;
            case VectorElementType.UInt8:
                TensorPrimitives.ConvertChecked<byte, float>(source[..dimension], destination);
                break;
            case VectorElementType.Float64:
                var doubles = MemoryMarshal.Cast<byte, double>(source[..(dimension * 8)]);
                for (int j = 0; j < dimension; j++) destination[j] = (float)doubles[j];
                break;
            case VectorElementType.Int32:
                var ints = MemoryMarshal.Cast<byte, int>(source[..(dimension * 4)]);
                for (int j = 0; j < dimension; j++) destination[j] = ints[j];
                break;
            default:
                var longs = MemoryMarshal.Cast<byte, long>(source[..(dimension * 8)]);
                for (int j = 0; j < dimension; j++) destination[j] = longs[j];
                break;
        }
        if (scale is { } s) TensorPrimitives.Multiply(destination, s, destination);
        if (_checkFinite && !TensorPrimitives.IsFiniteAll<float>(destination))
            throw new UserInputException($"{name}: row {row} has a non-finite value");
    }
}
