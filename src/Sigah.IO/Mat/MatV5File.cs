using System.Buffers.Binary;
using Sigah.Core;

namespace Sigah.IO.Mat;

/// <summary>
/// A MATLAB v5 MAT-file (what MATLAB's -v6 and -v7 write), memory-mapped: after the 128-byte header, one top-level
/// data element per variable, an miMATRIX or an miCOMPRESSED element holding one zlib-compressed miMATRIX. Listing
/// reads each variable's header only (of a compressed one, the first <see cref="HeaderBytes"/> inflated bytes);
/// loading maps an uncompressed array's values where they are, or inflates a compressed one whole. Every size is
/// checked against the bytes that hold it before it is used.
/// </summary>
internal sealed unsafe class MatV5File : IMatFile
{
    /// <summary>Inflated bytes read to list a compressed variable: enough for its flags, dimensions and name.</summary>
    private const int HeaderBytes = 4096;

    private readonly string _path;
    private readonly ByteRegion _region;

    /// <summary>The inflated start of the compressed variable listed last (<see cref="HeaderBytes"/> once used), reused for the next.</summary>
    private byte[] _header = [];

    public MatV5File(string path, long length, bool bigEndian)
    {
        _path = path;
        FileName = Path.GetFileName(path);
        BigEndian = bigEndian;
        _region = ByteRegion.Map(path, length);
    }

    /// <summary>The file's name (without directories), for messages.</summary>
    public string FileName { get; }

    /// <summary>True when the header's endian indicator reads <c>MI</c>: every number is big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>The 4-byte unsigned integer at the start of <paramref name="bytes"/>, in the file's byte order.</summary>
    public uint U32(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    /// <summary>The error for a structure that breaks the format: one line naming the file.</summary>
    public UserInputException Damaged(string problem) => new($"{FileName}: not a valid MAT-file ({problem})");

    public IReadOnlyList<MatVariable> ReadVariables()
    {
        var variables = new List<MatVariable>();
        long length = _region.Length;
        for (long at = MatHeader.Length; at < length;)
        {
            if (length - at < 8) throw Damaged($"element at byte {at} is truncated");
            uint type = U32(Bytes(at, 4)), size = U32(Bytes(at + 4, 4));
            if (size > length - at - 8) throw Damaged($"element at byte {at} claims {size} bytes, beyond the file's end ({length} bytes)");
            long start = at;
            var header = type switch
            {
                MatDataType.Matrix => MatV5ArrayHeader.Parse(Bytes(at + 8, Math.Min(size, Array.MaxLength)), this, Where(at)),
                MatDataType.Compressed => CompressedHeader(at, size),
                _ => throw Damaged($"element at byte {at} has type {type}, not a matrix (14) or a compressed matrix (15)"),
            };
            variables.Add(new MatVariable(header.Name, header.Problem,
                type == MatDataType.Matrix ? () => LoadMatrix(start, size) : () => LoadCompressed(start, size)));
            at += 8 + size;
        }
        return variables;
    }

    /// <summary>The header of the compressed variable whose element starts at <paramref name="at"/>, from its first inflated bytes.</summary>
    private MatV5ArrayHeader CompressedHeader(long at, uint size)
    {
        int inflated = Inflate(at, size, ref _header, HeaderBytes);
        int contentBytes = MatrixContentBytes(at, _header.AsSpan(0, inflated));
        return MatV5ArrayHeader.Parse(_header.AsSpan(8, Math.Min(inflated - 8, contentBytes)), this, Where(at));
    }

    /// <summary>An uncompressed variable: its values stay in the mapped file.</summary>
    private MatMatrix LoadMatrix(long at, uint size)
    {
        var (header, values) = RealPart(Bytes(at + 8, Math.Min(size, Array.MaxLength)), at);
        return Matrix(header, values, ByteRegion.Map(_path, _region.Length), at + 8, at);
    }

    /// <summary>A compressed variable, inflated whole: exactly the 8-byte tag and content its inner miMATRIX tag claims.</summary>
    private MatMatrix LoadCompressed(long at, uint size)
    {
        byte[] tag = [];
        int tagBytes = Inflate(at, size, ref tag, 8);
        int contentBytes = MatrixContentBytes(at, tag.AsSpan(0, tagBytes));
        if (contentBytes > Array.MaxLength - 8) throw Damaged($"compressed variable at byte {at} claims {contentBytes} bytes");
        byte[] inflated = [];
        int got = Inflate(at, size, ref inflated, 8 + contentBytes);
        if (got < 8 + contentBytes) throw Damaged($"compressed variable at byte {at} ends after {got} of its {8 + contentBytes} bytes");
        var (header, values) = RealPart(inflated.AsSpan(8, contentBytes), at);
        return Matrix(header, values, ByteRegion.Pin(inflated), 8, at);
    }

    /// <summary>The array header of <paramref name="content"/> and the element after it, which holds a numeric array's real part.</summary>
    private (MatV5ArrayHeader Header, MatV5Element Values) RealPart(ReadOnlySpan<byte> content, long at)
    {
        var header = MatV5ArrayHeader.Parse(content, this, Where(at));
        var cursor = new MatV5Cursor(content, this, $"{Where(at)} ({UserInputException.Quote(header.Name)})") { Position = header.DataPosition };
        return (header, cursor.Next());
    }

    /// <summary>
    /// The matrix of a numeric 2-D array whose content starts at <paramref name="contentOffset"/> of
    /// <paramref name="region"/> (disposed if the values are not what the header promises).
    /// </summary>
    private MatMatrix Matrix(MatV5ArrayHeader header, MatV5Element values, ByteRegion region, long contentOffset, long at)
    {
        try
        {
            string what = $"{Where(at)} ({UserInputException.Quote(header.Name)})";
            var type = MatDataType.Element(values.Type, BigEndian) ?? throw Damaged($"{what} stores its values as type {values.Type}, not numbers");
            ulong rows = header.Dims[0], cols = header.Dims[1];
            if ((Int128)rows * cols * type.Size != values.Size)
                throw Damaged($"{what} holds {values.Size} bytes of values for {rows} x {cols} elements of {type}");
            return new MatMatrix($"{FileName}:{header.Name}", region, contentOffset + values.DataStart, type, (int)rows, (int)cols);
        }
        catch
        {
            region.Dispose();
            throw;
        }
    }

    /// <summary>The byte count of the miMATRIX tag that starts an inflated stream; anything else is damage.</summary>
    private int MatrixContentBytes(long at, ReadOnlySpan<byte> inflated)
    {
        if (inflated.Length < 8) throw Damaged($"compressed variable at byte {at} holds fewer than 8 bytes");
        uint type = U32(inflated), size = U32(inflated[4..]);
        if (type != MatDataType.Matrix) throw Damaged($"compressed variable at byte {at} holds an element of type {type}, not a matrix (14)");
        return (int)Math.Min(size, int.MaxValue);
    }

    /// <summary>Inflates the stream of the compressed element at <paramref name="at"/>, turning zlib errors into damaged-file errors.</summary>
    private int Inflate(long at, uint size, ref byte[] buffer, int count)
    {
        try
        {
            return MatV5Inflater.Inflate(_region.Pointer + at + 8, size, ref buffer, count);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw Damaged($"compressed variable at byte {at} has corrupt zlib data");
        }
    }

    private ReadOnlySpan<byte> Bytes(long at, long count) => new(_region.Pointer + at, (int)count);

    private static string Where(long at) => $"variable at byte {at}";

    public void Dispose() => _region.Dispose();
}
