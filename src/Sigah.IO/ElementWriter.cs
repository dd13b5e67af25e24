using System.Globalization;
using System.Runtime.InteropServices;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.IO;

/// <summary>Encodes float rows as a format's stored element type, refusing values the type cannot hold exactly.</summary>
internal static class ElementWriter
{
    /// <summary>
    /// Throws a one-line error naming the first row holding a non-finite value, or, for integer types, a value
    /// that is not an integer in the type's range.
    /// </summary>
    public static void CheckRepresentable(string path, FloatMatrix m, VectorElementType type)
    {
        var (min, max) = type switch
        {
            VectorElementType.UInt8 => (0d, 255d),
            VectorElementType.Int32 => (int.MinValue, int.MaxValue),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        for (int r = 0; r < m.Rows; r++)
            foreach (float v in m.Row(r))
            {
                if (!float.IsFinite(v)) throw UserInputException.ForFile(path, $"row {r} has a non-finite value");
                if (!type.IsFloatingPoint() && (v != MathF.Round(v) || v < min || v > max))
                    throw UserInputException.ForFile(path, string.Create(CultureInfo.InvariantCulture,
                        $"row {r} has value {v}, which is not an integer in {min}..{max}"));
            }
    }

    /// <summary>Writes <paramref name="row"/> as <paramref name="type"/> into <paramref name="destination"/> (row.Length × size bytes).</summary>
    public static void Encode(ReadOnlySpan<float> row, VectorElementType type, Span<byte> destination)
    {
        switch (type)
        {
            case VectorElementType.Float32:
                MemoryMarshal.AsBytes(row).CopyTo(destination);
                break;
            case VectorElementType.UInt8:
                for (int j = 0; j < row.Length; j++) destination[j] = (byte)row[j];
                break;
            case VectorElementType.Int32:
                var ints = MemoryMarshal.Cast<byte, int>(destination);
                for (int j = 0; j < row.Length; j++) ints[j] = (int)row[j];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Sigah writes float32, uint8 and int32 elements");
        }
    }
}
