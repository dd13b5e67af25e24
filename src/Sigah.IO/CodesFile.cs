using Sigah.Core;
using Sigah.Core.Codes;

namespace Sigah.IO;

/// <summary>
/// Binary codes on disk: a <c>.npy</c> uint8 array of shape (n, bits/8), bit j of a code being bit j % 8 of
/// byte j / 8 (numpy <c>packbits(bitorder='little')</c>, as faiss).
/// </summary>
public static class CodesFile
{
    /// <summary>Reads codes, checking dtype and shape.</summary>
    public static PackedCodes Read(string path)
    {
        var array = NpyFile.Read(path);
        if (array.DType != "|u1")
            throw UserInputException.ForFile(path, $"codes must have dtype uint8 ('|u1'), found '{array.DType}'");
        if (array.Shape.Length != 2)
            throw UserInputException.ForFile(path, $"codes must be a 2-D array (n, bits/8), found shape {NpyHeader.FormatShape(array.Shape)}");
        int bytesPerCode = array.Shape[1];
        if (bytesPerCode == 0 || bytesPerCode * 8L > PackedCodes.MaxBits)
            throw UserInputException.ForFile(path, $"codes of {bytesPerCode} bytes are not supported (1 to {PackedCodes.MaxBits / 8} bytes)");
        return new PackedCodes(array.Shape[0], bytesPerCode * 8, array.Data);
    }

    /// <summary>Writes <paramref name="codes"/> as a uint8 array of shape (Count, BytesPerCode).</summary>
    public static void Write(string path, PackedCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        NpyFile.Write<byte>(path, codes.Data, codes.Count, codes.BytesPerCode);
    }
}
