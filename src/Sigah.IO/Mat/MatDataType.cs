namespace Sigah.IO.Mat;

/// <summary>
/// The numeric data types of v5 data elements (miINT8 ... miUINT64). MATLAB may store an array's values in a
/// narrower type than its class (a double array of small integers as miUINT8), so values are read by this type.
/// </summary>
internal static class MatDataType
{
    /// <summary>miMATRIX: an array (a variable, a cell or a field).</summary>
    public const int Matrix = 14;

    /// <summary>miCOMPRESSED: a zlib stream holding one miMATRIX element.</summary>
    public const int Compressed = 15;

    /// <summary>miINT32, the type of an array's dimensions.</summary>
    public const int Int32 = 5;

    /// <summary>miUINT32, the type of an array's flags.</summary>
    public const int UInt32 = 6;

    /// <summary>miINT8 and miUINT8, the types an array's name is stored as.</summary>
    public const int Int8 = 1, UInt8 = 2;

    /// <summary>The element type of numeric data type <paramref name="type"/>, or null when it is not numeric.</summary>
    public static StoredElementType? Element(int type, bool bigEndian) => type switch
    {
        1 => new(IsFloat: false, IsSigned: true, 1, bigEndian),
        2 => new(IsFloat: false, IsSigned: false, 1, bigEndian),
        3 => new(IsFloat: false, IsSigned: true, 2, bigEndian),
        4 => new(IsFloat: false, IsSigned: false, 2, bigEndian),
        5 => new(IsFloat: false, IsSigned: true, 4, bigEndian),
        6 => new(IsFloat: false, IsSigned: false, 4, bigEndian),
        7 => new(IsFloat: true, IsSigned: true, 4, bigEndian),
        9 => new(IsFloat: true, IsSigned: true, 8, bigEndian),
        12 => new(IsFloat: false, IsSigned: true, 8, bigEndian),
        13 => new(IsFloat: false, IsSigned: false, 8, bigEndian),
        _ => null,
    };
}
