using System.Buffers.Binary;
using System.IO.Compression;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.IO;

/// <summary>
/// MNIST IDX files of unsigned bytes (<c>*-idx3-ubyte</c>, optionally gzip-compressed): a magic
/// <c>00 00 08 ndims</c>, ndims big-endian int32 sizes, then the bytes. Row i is item i with all further
/// dimensions flattened (a 28 × 28 image becomes 784 values; a label file has dimension 1).
/// </summary>
internal static class IdxFormat
{
    private const byte UnsignedByte = 0x08;
    private const int MaxDimensions = 4;

    /// <summary>Opens a plain file memory-mapped, or decompresses a <c>.gz</c> one into memory.</summary>
    public static IVectorSource Open(string path, bool compressed, VectorReadOptions options)
    {
        string name = Path.GetFileName(path);
        using var file = NpyFile.OpenRead(path);
        if (!compressed)
        {
            var (rows, dim, headerBytes) = ReadHeader(file, path);
            RowLayoutCheck.Exact(path, file.Length - headerBytes, rows, dim, Describe(rows, dim));
            return new StridedVectorSource(name, ByteRegion.Map(path, file.Length), headerBytes, dimensionPrefix: false,
                VectorElementType.UInt8, rows, dim, options);
        }
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var (rows, dim, _) = ReadHeader(gzip, path);
            byte[] data = ReadData(gzip, path, rows, dim);
            return new StridedVectorSource(name, ByteRegion.Pin(data), 0, dimensionPrefix: false,
                VectorElementType.UInt8, rows, dim, options);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{name}: not a valid gzip file ({e.Message})", e);
        }
    }

    private static (int Rows, int Dimension, int HeaderBytes) ReadHeader(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4) throw UserInputException.ForFile(path, "header is larger than the file");
        if (magic[0] != 0 || magic[1] != 0) throw UserInputException.ForFile(path, "not an IDX file (bad magic)");
        if (magic[2] != UnsignedByte)
            throw UserInputException.ForFile(path, $"unsupported IDX element type 0x{magic[2]:X2} (only unsigned bytes, 0x08)");
        int ndims = magic[3];
        if (ndims is < 1 or > MaxDimensions) throw UserInputException.ForFile(path, $"invalid IDX header: {ndims} dimensions");
        Span<byte> sizes = stackalloc byte[4 * ndims];
        if (stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false) < sizes.Length)
            throw UserInputException.ForFile(path, "header is larger than the file");
        long dim = 1;
        int rows = 0;
        for (int i = 0; i < ndims; i++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * i)..]);
            if (size < 0) throw UserInputException.ForFile(path, $"invalid IDX header: dimension {i} has size {size}");
            if (i == 0) rows = size;
            else dim *= size;
            if (dim > Array.MaxLength) throw UserInputException.ForFile(path, $"invalid IDX header: items of more than {Array.MaxLength} values");
        }
        return (rows, (int)dim, 4 + sizes.Length);
    }

    /// <summary>
    /// Reads rows × dim bytes, growing the buffer only as data actually arrives, so a header that claims more
    /// than the file holds fails on the first missing row instead of allocating the claimed size.
    /// </summary>
    private static byte[] ReadData(Stream stream, string path, int rows, int dim)
    {
        long expected = (long)rows * dim;
        var data = new byte[Math.Min(expected, 1 << 20)];
        long filled = 0;
        while (filled < expected)
        {
            if (filled == data.Length)
            {
                if (expected > Array.MaxLength) throw UserInputException.ForFile(path, $"{Describe(rows, dim)}: too large to load");
                Array.Resize(ref data, (int)Math.Min(expected, 2L * data.Length));
            }
            int read = stream.Read(data, (int)filled, data.Length - (int)filled);
            if (read == 0) throw UserInputException.ForFile(path, $"row {filled / dim} is truncated ({Describe(rows, dim)})");
            filled += read;
        }
        long extra = 0;
        var scratch = new byte[1 << 16];
        for (int read; (read = stream.Read(scratch)) > 0;) extra += read;
        if (extra > 0) throw UserInputException.ForFile(path, $"{extra} bytes follow the last row ({Describe(rows, dim)})");
        return data;
    }

    private static string Describe(int rows, long dim) => $"header says {rows} rows of dimension {dim}";
}
