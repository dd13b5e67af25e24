using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// A numeric element type as a file stores it: IEEE floats of 4 or 8 bytes or integers of 1 to 8 bytes, either byte
/// order (HDF5 datasets, MATLAB arrays). <see cref="Normalise"/> turns stored elements into the little-endian type of
/// <see cref="Normalised"/>, the nearest type the shared <see cref="RowConverter"/> reads exactly.
/// </summary>
internal sealed record StoredElementType(bool IsFloat, bool IsSigned, int Size, bool BigEndian)
{
    /// <summary>The type the elements become: float32/64 and uint8/int32/int64 as stored, narrower integers widened.</summary>
    public VectorElementType Normalised => (IsFloat, Size, IsSigned) switch
    {
        (true, 4, _) => VectorElementType.Float32,
        (true, _, _) => VectorElementType.Float64,
        (false, 1, false) => VectorElementType.UInt8,
        (false, <= 2, _) or (false, 4, true) => VectorElementType.Int32,
        _ => VectorElementType.Int64,
    };

    /// <summary>True when stored elements already are <see cref="Normalised"/> values (no conversion needed).</summary>
    public bool IsNative => !BigEndian && Size == Normalised.Size() && (IsFloat || IsSigned || Size == 1);

    /// <summary>Like numpy: float32, int16, uint8, ... with the byte order when it is big-endian.</summary>
    public override string ToString() =>
        $"{(IsFloat ? "float" : IsSigned ? "int" : "uint")}{8 * Size}{(BigEndian ? " (big-endian)" : "")}";

    /// <summary>
    /// Converts <paramref name="count"/> stored elements (<c>count * Size</c> bytes) into <see cref="Normalised"/>
    /// values (<c>count * Normalised.Size()</c> bytes, little-endian). Unsigned 64-bit values above
    /// <see cref="long.MaxValue"/> have no int64 value: <paramref name="name"/> names the data in that error.
    /// </summary>
    public void Normalise(ReadOnlySpan<byte> stored, Span<byte> normalised, int count, string name)
    {
        switch (Normalised)
        {
            case VectorElementType.Float32:
                var floats = MemoryMarshal.Cast<byte, uint>(normalised[..(4 * count)]);
                for (int i = 0; i < count; i++) floats[i] = (uint)Read(stored, i);
                break;
            case VectorElementType.Float64:
                var doubles = MemoryMarshal.Cast<byte, ulong>(normalised[..(8 * count)]);
                for (int i = 0; i < count; i++) doubles[i] = Read(stored, i);
                break;
            case VectorElementType.UInt8:
                stored[..count].CopyTo(normalised);
                break;
            case VectorElementType.Int32:
                var ints = MemoryMarshal.Cast<byte, int>(normalised[..(4 * count)]);
                for (int i = 0; i < count; i++) ints[i] = (int)Integer(stored, i);
                break;
            default:
                var longs = MemoryMarshal.Cast<byte, long>(normalised[..(8 * count)]);
                for (int i = 0; i < count; i++)
                {
                    ulong raw = Read(stored, i);
                    if (!IsSigned && Size == 8 && raw > long.MaxValue)
                        throw new UserInputException($"{name}: value {raw} does not fit in int64");
                    longs[i] = Integer(stored, i);
                }
                break;
        }
    }

    /// <summary>Element <paramref name="i"/> as a signed value (sign-extended when the type is signed).</summary>
    private long Integer(ReadOnlySpan<byte> stored, int i)
    {
        ulong raw = Read(stored, i);
        int shift = 64 - 8 * Size;
        return IsSigned ? (long)(raw << shift) >> shift : (long)raw;
    }

    /// <summary>The bits of element <paramref name="i"/>, in the low bytes.</summary>
    private ulong Read(ReadOnlySpan<byte> stored, int i)
    {
        var e = stored.Slice(i * Size, Size);
        return (Size, BigEndian) switch
        {
            (1, _) => e[0],
            (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(e),
            (2, true) => BinaryPrimitives.ReadUInt16BigEndian(e),
            (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(e),
            (4, true) => BinaryPrimitives.ReadUInt32BigEndian(e),
            (_, false) => BinaryPrimitives.ReadUInt64LittleEndian(e),
            _ => BinaryPrimitives.ReadUInt64BigEndian(e),
        };
    }
}
