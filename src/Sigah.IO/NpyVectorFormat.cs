using Sigah.Core;
using Sigah.Core.Data;
namespace Sigah.IO;

/// <summary>Vectors stored as a 2-D NumPy array (rows, dimension), memory-mapped.</summary>
internal static class NpyVectorFormat
{
    /// <summary>Opens a memory-mapped source after checking header, dtype, shape and file length.</summary>
    public static IVectorSource Open(string path, VectorReadOptions options)
    {
        NpyHeader header;
        long length;
        using (var stream = NpyFile.OpenRead(path))
        {
            length = stream.Length;
            header = NpyHeader.Read(stream, path);
        }
        if (header.Shape.Length != 2)
            throw UserInputException.ForFile(path, $"vectors must be a 2-D array (rows, dimension), found shape {NpyHeader.FormatShape(header.Shape)}");
        var type = header.DType switch
        {
            "<f4" => VectorElementType.Float32,
            "<f8" => VectorElementType.Float64,
            "|u1" => VectorElementType.UInt8,
            "<i4" => VectorElementType.Int32,
            _ => VectorElementType.Int64,
        };
        return new StridedVectorSource(Path.GetFileName(path), ByteRegion.Map(path, length), header.DataOffset, dimensionPrefix: false,
            type, header.Shape[0], header.Shape[1], options);
    }
}
