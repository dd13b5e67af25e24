using System.Buffers.Binary;
using System.IO.Compression;

namespace Sigah.Fuzz;

/// <summary>
/// How many bytes of data a MAT-file stands for: its own bytes plus what its v5 miCOMPRESSED elements inflate to (up
/// to <see cref="MaxInflated"/> in all), since the reader may hold an inflated variable whole.
/// </summary>
internal static class MatEntitlement
{
    /// <summary>Inflated bytes beyond this count are not entitled to more allocation (a zlib bomb is rejected).</summary>
    private const long MaxInflated = 256L << 20;

    private const int HeaderBytes = 128, CompressedType = 15;

    public static long Bytes(byte[] content, string path)
    {
        if (content.Length < HeaderBytes) return content.Length;
        bool bigEndian = content[126] == 'M' && content[127] == 'I';
        long inflated = 0;
        for (long at = HeaderBytes; at + 8 <= content.Length && inflated < MaxInflated;)
        {
            uint type = U32(content, at, bigEndian), size = U32(content, at + 4, bigEndian);
            long end = Math.Min(content.Length, at + 8 + (long)size);
            if (type == CompressedType) inflated += Inflated(content.AsSpan((int)(at + 8), (int)(end - at - 8)).ToArray(), MaxInflated - inflated);
            at = end;
        }
        return content.Length + inflated;
    }

    private static uint U32(byte[] content, long at, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan((int)at))
        : BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan((int)at));

    /// <summary>Bytes the zlib stream yields before it ends, fails or reaches <paramref name="limit"/>.</summary>
    private static long Inflated(byte[] stream, long limit)
    {
        long total = 0;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(stream), CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            for (int read; total < limit && (read = zlib.Read(buffer)) > 0;) total += read;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The parser must reject it; what inflated before the damage is all it may rely on.
        }
        return total;
    }
}
