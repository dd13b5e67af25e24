using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Sigah.Server.Storage;

/// <summary>What a log record does to a collection.</summary>
internal enum LogRecordKind : byte
{
    /// <summary>Adds codes (and vectors) under ids, replacing whatever those ids held.</summary>
    Upsert = 1,

    /// <summary>Removes ids.</summary>
    Delete = 2,
}

/// <summary>
/// One write of the log: a sequence number, a kind, ids, and for upserts the codes (n × bits/8 bytes) and, when the
/// collection keeps vectors, the vectors (n × d float32). On disk (little-endian):
/// <code>
/// uint32 body length L · uint32 CRC-32 of the body · body: int64 lsn · uint8 kind · int32 n · n × int64 ids
///        · [n × bits/8 codes · n × d × float32 vectors]
/// </code>
/// A record is whole or it is not there: a torn or damaged tail fails its length or checksum and is cut off on replay.
/// </summary>
internal sealed record LogRecord(long Lsn, LogRecordKind Kind, long[] Ids, byte[] Codes, float[]? Vectors)
{
    /// <summary>Bytes before the body: length and checksum.</summary>
    public const int FrameBytes = 8;

    private const int FixedBodyBytes = 8 + 1 + 4;

    /// <summary>Number of ids.</summary>
    public int Count => Ids.Length;

    /// <summary>Bytes this record takes on disk.</summary>
    public int Size => FrameBytes + FixedBodyBytes + (Ids.Length * 8) + Codes.Length + ((Vectors?.Length ?? 0) * 4);

    /// <summary>Writes the framed record to the start of <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        var body = destination[FrameBytes..Size];
        BinaryPrimitives.WriteInt64LittleEndian(body, Lsn);
        body[8] = (byte)Kind;
        BinaryPrimitives.WriteInt32LittleEndian(body[9..], Ids.Length);
        int at = FixedBodyBytes;
        MemoryMarshal.AsBytes(Ids.AsSpan()).CopyTo(body[at..]);
        at += Ids.Length * 8;
        Codes.CopyTo(body[at..]);
        at += Codes.Length;
        if (Vectors is not null) MemoryMarshal.AsBytes(Vectors.AsSpan()).CopyTo(body[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(body));
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="source"/> for a collection of <paramref name="codeBytes"/>-byte
    /// codes and <paramref name="dimension"/>-float vectors (0 when it keeps none). Returns null when the bytes do not
    /// hold a whole, intact record (a torn tail); <paramref name="size"/> is the bytes it took.
    /// </summary>
    public static LogRecord? TryRead(ReadOnlySpan<byte> source, int codeBytes, int dimension, out int size)
    {
        size = 0;
        if (source.Length < FrameBytes + FixedBodyBytes) return null;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (length < FixedBodyBytes || length > source.Length - FrameBytes) return null;
        var body = source.Slice(FrameBytes, (int)length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) != Checksum(body)) return null;
        long lsn = BinaryPrimitives.ReadInt64LittleEndian(body);
        var kind = (LogRecordKind)body[8];
        int n = BinaryPrimitives.ReadInt32LittleEndian(body[9..]);
        long perRow = kind == LogRecordKind.Upsert ? 8L + codeBytes + (4L * dimension) : 8L;
        if (n < 0 || kind is not (LogRecordKind.Upsert or LogRecordKind.Delete) || FixedBodyBytes + (n * perRow) != length) return null;
        int at = FixedBodyBytes;
        var ids = MemoryMarshal.Cast<byte, long>(body.Slice(at, n * 8)).ToArray();
        at += n * 8;
        byte[] codes = [];
        float[]? vectors = null;
        if (kind == LogRecordKind.Upsert)
        {
            codes = body.Slice(at, n * codeBytes).ToArray();
            at += n * codeBytes;
            if (dimension > 0) vectors = MemoryMarshal.Cast<byte, float>(body.Slice(at, n * dimension * 4)).ToArray();
        }
        size = FrameBytes + (int)length;
        return new LogRecord(lsn, kind, ids, codes, vectors);
    }

    private static uint Checksum(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);
}
