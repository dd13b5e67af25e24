namespace Sigah.IO;

/// <summary>The stored element types of the vector formats (all little-endian).</summary>
internal enum VectorElementType
{
    Float32,
    Float64,
    UInt8,
    Int32,
    Int64,
}

internal static class VectorElementTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this VectorElementType type) => type switch
    {
        VectorElementType.Float32 or VectorElementType.Int32 => 4,
        VectorElementType.Float64 or VectorElementType.Int64 => 8,
        _ => 1,
    };

    /// <summary>True for types that can hold NaN or infinities.</summary>
    public static bool IsFloatingPoint(this VectorElementType type) =>
        type is VectorElementType.Float32 or VectorElementType.Float64;
}
