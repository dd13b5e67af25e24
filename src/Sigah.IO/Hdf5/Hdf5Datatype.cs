namespace Sigah.IO.Hdf5;

/// <summary>
/// The datatype message (type 0x03) of a dataset: the numbers Sigah reads (IEEE floats of 4 or 8 bytes and integers
/// of 1 to 8 bytes, either byte order) become a <see cref="StoredElementType"/>; other classes are named in the error.
/// </summary>
internal static class Hdf5Datatype
{
    /// <summary>The class of compound types (MATLAB stores complex numbers as a compound of real and imag).</summary>
    public const int CompoundClass = 6;

    /// <summary>The type class (low 4 bits of the first byte) of a datatype message body, or -1 when it is empty.</summary>
    public static int ClassOf(ReadOnlySpan<byte> body) => body.IsEmpty ? -1 : body[0] & 0x0F;

    public static StoredElementType Parse(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "datatype message");
        int typeClass = cursor.U8() & 0x0F;
        byte bits0 = cursor.U8();
        cursor.Skip(2);
        uint size = cursor.U32();
        switch (typeClass)
        {
            case 0:
                ExpectFullPrecision(file, ref cursor, size, "integer");
                if (size is not (1 or 2 or 4 or 8)) throw file.Unsupported($"{size}-byte integers");
                return new StoredElementType(IsFloat: false, IsSigned: (bits0 & 0x08) != 0, (int)size, BigEndian: (bits0 & 0x01) != 0);
            case 1:
                if ((bits0 & 0x40) != 0) throw file.Unsupported("VAX-order floating point");
                ExpectFullPrecision(file, ref cursor, size, "floating point");
                int exponentAt = cursor.U8(), exponentBits = cursor.U8(), mantissaAt = cursor.U8(), mantissaBits = cursor.U8();
                bool ieee = (size, exponentAt, exponentBits, mantissaAt, mantissaBits) is (4, 23, 8, 0, 23) or (8, 52, 11, 0, 52);
                if (!ieee) throw file.Unsupported($"{size}-byte non-IEEE floating point");
                return new StoredElementType(IsFloat: true, IsSigned: true, (int)size, BigEndian: (bits0 & 0x01) != 0);
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
        CompoundClass => "compound",
        7 => "reference",
        8 => "enum",
        9 => "variable-length",
        10 => "array",
        _ => $"class {typeClass}",
    };
}
