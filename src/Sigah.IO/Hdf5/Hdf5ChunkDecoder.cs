using System.Buffers.Binary;
using System.IO.Compression;
using Sigah.Core;

namespace Sigah.IO.Hdf5;

/// <summary>
/// Reads a filtered chunk and undoes its filters (last applied first): Fletcher-32 checksums are verified and
/// removed, deflate (zlib) is inflated into no more bytes than the chunk can have, and shuffled bytes are put back
/// in element order. The result must be exactly the chunk's size. Working buffers are kept from chunk to chunk, so
/// a dataset's chunks cost no allocation after the first, however many filters a file lists. Not thread-safe.
/// </summary>
internal sealed class Hdf5ChunkDecoder(Hdf5File file, Hdf5Filter[] filters, int elementSize)
{
    private byte[] _stored = [];
    private byte[] _front = [];
    private byte[] _back = [];

    /// <summary>
    /// Reads <paramref name="stored"/> (the chunk as written) and decodes it into <paramref name="chunk"/> (the
    /// chunk's uncompressed size); filter i is skipped when bit i of the chunk's filter mask is set.
    /// </summary>
    public void Decode(Hdf5Chunk stored, Span<byte> chunk, string what)
    {
        if (stored.Size > (ulong)file.Length) throw file.Damaged($"{what} claims {stored.Size} bytes");
        int length = (int)stored.Size;
        if (_stored.Length < length) _stored = new byte[length];
        file.ReadRaw(stored.Address, _stored.AsSpan(0, length), what);
        byte[] data = _stored;
        for (int f = filters.Length - 1; f >= 0; f--)
        {
            if (f < 32 && (stored.FilterMask & (1u << f)) != 0) continue;
            switch (filters[f].Id)
            {
                case Hdf5Filter.Fletcher32:
                    if (length < 4 || !Fletcher32Matches(data.AsSpan(0, length - 4), BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(length - 4))))
                        throw file.Damaged($"{what} fails its Fletcher-32 checksum");
                    length -= 4;
                    break;
                case Hdf5Filter.Deflate:
                    // Filters applied before deflate can only add checksums (4 bytes each) to the chunk's size.
                    int limit = chunk.Length + 4 * filters.Length;
                    var inflated = Other(data, limit);
                    length = Inflate(data, length, inflated, limit, what);
                    data = inflated;
                    break;
                default:
                    var parameters = filters[f].Parameters;
                    int size = parameters.Length > 0 && parameters[0] is > 0 and <= 1024 ? (int)parameters[0] : elementSize;
                    var unshuffled = Other(data, length);
                    Unshuffle(data.AsSpan(0, length), unshuffled, size);
                    data = unshuffled;
                    break;
            }
        }
        if (length != chunk.Length) throw file.Damaged($"{what} decodes to {length} bytes, expected {chunk.Length}");
        data.AsSpan(0, length).CopyTo(chunk);
    }

    /// <summary>The working buffer <paramref name="data"/> is not, holding at least <paramref name="size"/> bytes.</summary>
    private byte[] Other(byte[] data, int size)
    {
        ref byte[] buffer = ref data == _front ? ref _back : ref _front;
        if (buffer.Length < size) buffer = new byte[size];
        return buffer;
    }

    /// <summary>Inflates zlib data into <paramref name="output"/>; more than <paramref name="limit"/> bytes is a damaged chunk.</summary>
    private int Inflate(byte[] input, int length, byte[] output, int limit, string what)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(input, 0, length, writable: false), CompressionMode.Decompress);
            int total = 0;
            for (int read; total < limit && (read = zlib.Read(output, total, limit - total)) > 0;) total += read;
            if (zlib.ReadByte() >= 0) throw file.Damaged($"{what} inflates to more than its {limit} bytes");
            return total;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib reports some damage as InvalidDataException, some (bad window sizes, ...) as an IOException.
            throw new UserInputException($"{file.FileName}: not a valid HDF5 file ({what} has corrupt deflate data)", e);
        }
    }

    /// <summary>
    /// The shuffle filter stores byte 0 of every element, then byte 1 of every element, and so on; bytes past the
    /// last whole element stay where they are.
    /// </summary>
    private static void Unshuffle(ReadOnlySpan<byte> shuffled, Span<byte> output, int elementSize)
    {
        int elements = shuffled.Length / elementSize;
        for (int b = 0; b < elementSize; b++)
        {
            var plane = shuffled.Slice(b * elements, elements);
            for (int e = 0; e < elements; e++) output[e * elementSize + b] = plane[e];
        }
        int tail = elements * elementSize;
        shuffled[tail..].CopyTo(output[tail..]);
    }

    /// <summary>
    /// HDF5's Fletcher-32 over 16-bit big-endian words (an odd last byte is the high byte of a word). The library
    /// also accepts the checksum with its two halves byte-swapped, written by some old versions.
    /// </summary>
    private static bool Fletcher32Matches(ReadOnlySpan<byte> data, uint stored)
    {
        uint sum1 = 0, sum2 = 0;
        int words = data.Length / 2, at = 0;
        while (words > 0)
        {
            int block = Math.Min(words, 360);
            words -= block;
            for (int i = 0; i < block; i++, at += 2)
            {
                sum1 += (uint)(data[at] << 8 | data[at + 1]);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }
        if (data.Length % 2 == 1)
        {
            sum1 += (uint)(data[at] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        uint checksum = sum2 << 16 | sum1;
        uint swapped = (checksum & 0x00ff00ff) << 8 | (checksum & 0xff00ff00) >> 8;
        return stored == checksum || stored == swapped;
    }
}
