using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sigah.Core.IO.Hdf5;

/// <summary>
/// A dataset's element type, from the datatype message (type 0x03): IEEE floats of 4 or 8 bytes and integers of
/// 1 to 8 bytes, either byte order. <see cref="Normalize"/> turns stored elements into the little-endian type of
/// <see cref="Normalized"/>, the nearest type the shared <see cref="RowConverter"/> reads exactly.
/// </summary>
internal sealed record Hdf5ElementType(bool IsFloat, bool IsSigned, int Size, bool BigEndian)
{
    /// <summary>The type the elements become: float32/64 and uint8/int32/int64 as stored, narrower integers widened.</summary>
    public VectorElementType Normalized => (IsFloat, Size, IsSigned) switch
    {
        (true, 4, _) => VectorElementType.Float32,
        (true, _, _) => VectorElementType.Float64,
        (false, 1, false) => VectorElementType.UInt8,
        (false, <= 2, _) or (false, 4, true) => VectorElementType.Int32,
        _ => VectorElementType.Int64,
    };

    /// <summary>True when stored elements already are <see cref="Normalized"/> values (no conversion needed).</summary>
    public bool IsNative => !BigEndian && Size == Normalized.Size() && (IsFloat || IsSigned || Size == 1);

    /// <summary>Like numpy: float32, int16, uint8, ... with the byte order when it is big-endian.</summary>
    public override string ToString() =>
        $"{(IsFloat ? "float" : IsSigned ? "int" : "uint")}{8 * Size}{(BigEndian ? " (big-endian)" : "")}";

    public static Hdf5ElementType Parse(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "datatype message");
        int classAndVersion = cursor.U8();
        int typeClass = classAndVersion & 0x0F;
        byte bits0 = cursor.U8();
        cursor.Skip(2);
        uint size = cursor.U32();
        switch (typeClass)
        {
            case 0:
                ExpectFullPrecision(file, ref cursor, size, "integer");
                if (size is not (1 or 2 or 4 or 8)) throw file.Unsupported($"{size}-byte integers");
                return new Hdf5ElementType(IsFloat: false, IsSigned: (bits0 & 0x08) != 0, (int)size, BigEndian: (bits0 & 0x01) != 0);
            case 1:
                if ((bits0 & 0x40) != 0) throw file.Unsupported("VAX-order floating point");
                ExpectFullPrecision(file, ref cursor, size, "floating point");
                int exponentAt = cursor.U8(), exponentBits = cursor.U8(), mantissaAt = cursor.U8(), mantissaBits = cursor.U8();
                bool ieee = (size, exponentAt, exponentBits, mantissaAt, mantissaBits) is (4, 23, 8, 0, 23) or (8, 52, 11, 0, 52);
                if (!ieee) throw file.Unsupported($"{size}-byte non-IEEE floating point");
                return new Hdf5ElementType(IsFloat: true, IsSigned: true, (int)size, BigEndian: (bits0 & 0x01) != 0);
            default:
                throw file.Unsupported($"{ClassName(typeClass)} elements (Sigah reads numbers)");
        }
    }

    private static void ExpectFullPrecision(Hdf5File file, ref Hdf5Cursor cursor, uint size, string kind)
    {
        int offset = cursor.U16(), precision = cursor.U16();
        if (offset != 0 || precision != 8 * size) throw file.Unsupported($"{kind} of {precision} bits at bit {offset} of {size} bytes");
    }

    private static string ClassName(int typeClass) => typeClass switch
    {
        2 => "time",
        3 => "string",
        4 => "bitfield",
        5 => "opaque",
        6 => "compound",
        7 => "reference",
        8 => "enum",
        9 => "variable-length",
        10 => "array",
        _ => $"class {typeClass}",
    };

    /// <summary>
    /// Converts <paramref name="count"/> stored elements (<c>count * Size</c> bytes) into <see cref="Normalized"/>
    /// values (<c>count * Normalized.Size()</c> bytes, little-endian). Unsigned 64-bit values above
    /// <see cref="long.MaxValue"/> have no int64 value: <paramref name="name"/> names the dataset in that error.
    /// </summary>
    public void Normalize(ReadOnlySpan<byte> stored, Span<byte> normalized, int count, string name)
    {
        switch (Normalized)
        {
            case VectorElementType.Float32:
                var floats = MemoryMarshal.Cast<byte, uint>(normalized[..(4 * count)]);
                for (int i = 0; i < count; i++) floats[i] = (uint)Read(stored, i);
                break;
            case VectorElementType.Float64:
                var doubles = MemoryMarshal.Cast<byte, ulong>(normalized[..(8 * count)]);
                for (int i = 0; i < count; i++) doubles[i] = Read(stored, i);
                break;
            case VectorElementType.UInt8:
                stored[..count].CopyTo(normalized);
                break;
            case VectorElementType.Int32:
                var ints = MemoryMarshal.Cast<byte, int>(normalized[..(4 * count)]);
                for (int i = 0; i < count; i++) ints[i] = (int)Integer(stored, i);
                break;
            default:
                var longs = MemoryMarshal.Cast<byte, long>(normalized[..(8 * count)]);
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
