using System.Buffers.Binary;

namespace Sigah.IO.Mat;

/// <summary>Which kind of MAT-file a file is.</summary>
internal enum MatVersion
{
    /// <summary>MATLAB 5 (also what -v6 and -v7 write): data elements after the 128-byte header.</summary>
    V5,
    /// <summary>MATLAB 7.3: an HDF5 file behind a user block that starts with the 128-byte header.</summary>
    V73,
}

/// <summary>
/// The 128-byte header of a MAT-file: 116 bytes of text, an 8-byte subsystem data offset (not needed: the subsystem
/// data is a variable with an empty name, which is never chosen), a 2-byte version (0x0100 for v5, 0x0200 for v7.3)
/// and the endian indicator <c>IM</c> (little-endian) or <c>MI</c> (big-endian), in the writer's byte order.
/// </summary>
internal sealed record MatHeader(MatVersion Version, bool BigEndian)
{
    /// <summary>Bytes of the header; v5 data elements start here.</summary>
    public const int Length = 128;

    /// <summary>
    /// The header in <paramref name="bytes"/> (the file's first <see cref="Length"/> bytes, or all of a shorter file),
    /// or null when they are not a MATLAB header (an HDF5 file with another user block may still be a v7.3 file).
    /// </summary>
    public static MatHeader? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length) return null;
        bool bigEndian;
        if (bytes[126] == 'I' && bytes[127] == 'M') bigEndian = false;
        else if (bytes[126] == 'M' && bytes[127] == 'I') bigEndian = true;
        else return null;
        var version = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[124..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[124..]);
        return version switch
        {
            0x0100 => new MatHeader(MatVersion.V5, bigEndian),
            0x0200 => new MatHeader(MatVersion.V73, bigEndian),
            _ => null,
        };
    }
}
