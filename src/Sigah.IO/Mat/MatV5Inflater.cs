using System.IO.Compression;

namespace Sigah.IO.Mat;

/// <summary>Inflates the zlib stream of a v5 miCOMPRESSED element, never allocating ahead of the data that arrives.</summary>
internal static unsafe class MatV5Inflater
{
    /// <summary>Growth steps of the output buffer start at this size (1 MiB).</summary>
    private const int FirstBufferBytes = 1 << 20;

    /// <summary>
    /// Inflates up to <paramref name="count"/> bytes of the stream of <paramref name="length"/> bytes at
    /// <paramref name="compressed"/> into <paramref name="buffer"/>, which grows (doubling from its length, or from
    /// 1 MiB) only as data arrives, so a count a damaged file claims costs only what the stream really yields.
    /// Returns the bytes produced: fewer than <paramref name="count"/> when the stream ends first. Damaged zlib data
    /// throws <see cref="InvalidDataException"/> or <see cref="IOException"/>.
    /// </summary>
    public static int Inflate(byte* compressed, long length, ref byte[] buffer, int count)
    {
        using var zlib = new ZLibStream(new UnmanagedMemoryStream(compressed, length), CompressionMode.Decompress);
        int total = 0;
        while (total < count)
        {
            if (total == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(count, Math.Max(FirstBufferBytes, 2L * buffer.Length)));
            int read = zlib.Read(buffer, total, Math.Min(buffer.Length, count) - total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
