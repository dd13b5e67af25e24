using System.Buffers.Binary;
using System.IO.Compression;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Builds little-endian MATLAB v5 files byte by byte, so tests can make the damaged and hostile ones no writer would:
/// a 128-byte header, then top-level elements (<see cref="Element"/>, padded to 8 bytes) such as <see cref="Matrix"/>
/// and <see cref="Compressed"/>.
/// </summary>
internal static class MatBytes
{
    public const int Double = 9, Int32 = 5, UInt32 = 6, Int8 = 1, MatrixType = 14, CompressedType = 15;

    /// <summary>A v5 header: text, no subsystem data, version 0x0100, little-endian.</summary>
    public static byte[] Header()
    {
        var header = new byte[128];
        "MATLAB 5.0 MAT-file, written by a Sigah test"u8.CopyTo(header);
        header[125] = 1;
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        return header;
    }

    /// <summary>An element: type, byte count, the payload, zeros up to a multiple of 8.</summary>
    public static byte[] Element(int type, byte[] payload, int? claimedSize = null)
    {
        var element = new byte[8 + (payload.Length + 7) / 8 * 8];
        BinaryPrimitives.WriteInt32LittleEndian(element, type);
        BinaryPrimitives.WriteUInt32LittleEndian(element.AsSpan(4), (uint)(claimedSize ?? payload.Length));
        payload.CopyTo(element, 8);
        return element;
    }

    /// <summary>An miMATRIX element's content: flags of <paramref name="classId"/>, dimensions, name, then <paramref name="values"/> as type <paramref name="valueType"/>.</summary>
    public static byte[] MatrixContent(int classId, int[] dims, string name, int valueType, byte[] values, int? claimedValueBytes = null) =>
    [
        .. Element(UInt32, [(byte)classId, 0, 0, 0, 0, 0, 0, 0]),
        .. Element(Int32, dims.SelectMany(d => BitConverter.GetBytes(d)).ToArray()),
        .. Element(Int8, System.Text.Encoding.ASCII.GetBytes(name)),
        .. Element(valueType, values, claimedValueBytes),
    ];

    /// <summary>A double matrix named <paramref name="name"/> of <paramref name="dims"/> holding <paramref name="values"/> (column-major).</summary>
    public static byte[] Matrix(string name, int[] dims, double[] values) =>
        Element(MatrixType, MatrixContent(6, dims, name, Double, values.SelectMany(BitConverter.GetBytes).ToArray()));

    /// <summary>An miCOMPRESSED element holding <paramref name="element"/> zlib-compressed.</summary>
    public static byte[] Compressed(byte[] element)
    {
        var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(element);
        byte[] stream = buffer.ToArray();
        return [.. BitConverter.GetBytes(CompressedType), .. BitConverter.GetBytes(stream.Length), .. stream];
    }

    /// <summary>Writes a file of the header and <paramref name="elements"/>.</summary>
    public static void Write(string path, params byte[][] elements) => File.WriteAllBytes(path, [.. Header(), .. elements.SelectMany(e => e)]);
}
