using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.IO;
using Sigah.Index.MultiIndexHashing;
using Sigah.Index.Storage;

namespace Sigah.Index;

/// <summary>
/// The index file, little-endian, every array 8-byte aligned so it can be used in place when memory-mapped:
/// <code>
///  0  8 bytes  magic "SIGAHIDX"
///  8  uint32   format version (2)
/// 12  uint32   bits per code
/// 16  int64    count n
/// 24  uint32   multi-index substrings m (0 = no tables stored)
/// 28  uint32   multi-index directory prefix bits p (0 when m = 0)
/// 32  n × int64 ids, ascending
///     n × bits/8 codes, in id order; zero padding to a multiple of 8
///     m tables as <see cref="MihTableShape"/> lays them out: (2^p + 1) × uint32 prefix directory, n postings
///              bit-packed at ⌈log2 n⌉ bits, each part zero-padded to a multiple of 8
///     uint64   checksum of every byte before it (<see cref="IndexChecksum"/>)
/// </code>
/// Version 1 files (tables of int32 bucket starts and positions, about twice the size) are refused with a
/// one-line error asking for a rebuild.
/// </summary>
internal static class IndexFile
{
    /// <summary>Format version written and read.</summary>
    public const int Version = 2;

    private const int HeaderBytes = 32;
    private static ReadOnlySpan<byte> Magic => "SIGAHIDX"u8;

    /// <summary>Writes <paramref name="index"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public static void Write(string path, HammingIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        AtomicFile.Write(path, stream =>
        {
            var hash = new IndexChecksum();
            void Put(ReadOnlySpan<byte> bytes)
            {
                stream.Write(bytes);
                hash.Append(bytes);
            }
            void Pad(long written)
            {
                Span<byte> zeros = stackalloc byte[8];
                zeros.Clear();
                Put(zeros[..(int)((8 - written % 8) % 8)]);
            }
            var tables = index.Tables;
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)index.Bits);
            BinaryPrimitives.WriteInt64LittleEndian(header[16..], index.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)(tables?.Layout.Count ?? 0));
            BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(tables?.Shape.PrefixBits ?? 0));
            Put(header);
            Put(MemoryMarshal.AsBytes(index.Ids));
            Put(index.Codes);
            Pad(index.Codes.Length);
            if (tables is not null) Put(tables.Bytes);
            Span<byte> checksum = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash.Value);
            stream.Write(checksum);
        });
    }

    /// <summary>
    /// Opens an index file memory-mapped: checks the header, the size and the checksum, then uses the arrays in
    /// place. Problems with the file are <see cref="UserInputException"/>s naming it.
    /// </summary>
    public static unsafe HammingIndex Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "no such file");
        long length = new FileInfo(path).Length;
        if (length < HeaderBytes + 8) throw UserInputException.ForFile(path, $"not a Sigah index file ({length} bytes is too short)");
        var mapped = new MappedFile(path);
        try
        {
            var header = new ReadOnlySpan<byte>(mapped.Pointer, HeaderBytes);
            if (!header[..8].SequenceEqual(Magic)) throw UserInputException.ForFile(path, "not a Sigah index file (bad magic)");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version < Version)
                throw UserInputException.ForFile(path, $"index format version {version} is out of date (this build reads version {Version}): rebuild it with `sigah index build`");
            if (version != Version) throw UserInputException.ForFile(path, $"index format version {version} is not supported (this build reads version {Version})");
            int bits = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            long count = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            int substrings = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            int prefixBits = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[28..]);
            if (bits <= 0 || bits % 8 != 0 || bits > PackedCodes.MaxBits || count < 0 || count > int.MaxValue
                || (long)count * (bits / 8) > int.MaxValue || substrings < 0 || (substrings > 0 && (substrings < SubstringLayout.MinimumCount(bits) || substrings > bits))
                || prefixBits < 0 || (substrings == 0 && prefixBits != 0)
                || (substrings > 0 && prefixBits > Math.Min(MihTableShape.MaxPrefixBits, new SubstringLayout(bits, substrings).MinimumLength)))
                throw UserInputException.ForFile(path, "corrupted header");
            int n = (int)count, bytes = bits / 8;
            var shape = substrings > 0 ? new MihTableShape(new SubstringLayout(bits, substrings), n, prefixBits) : null;
            if (shape is not null && shape.SizeInBytes + MihTables.ReadSlack > int.MaxValue) throw UserInputException.ForFile(path, "corrupted header");
            long expected = ExpectedLength(n, bytes, shape);
            if (length < expected) throw UserInputException.ForFile(path, $"truncated: {length} bytes, expected {expected}");
            if (length > expected) throw UserInputException.ForFile(path, $"corrupted: {length} bytes, expected {expected}");
            if (Checksum(mapped.Pointer, length - 8) != BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(mapped.Pointer + length - 8, 8)))
                throw UserInputException.ForFile(path, "checksum mismatch: the file is corrupted");

            byte* at = mapped.Pointer + HeaderBytes;
            var ids = new UnmanagedMemory<long>((long*)at, n).Memory;
            at += 8L * n;
            var codes = new UnmanagedMemory<byte>(at, n * bytes).Memory;
            at += Align8((long)n * bytes);
            MihTables? tables = null;
            if (shape is not null)
            {
                // The tables are followed by the 8-byte checksum: the read slack packed postings need.
                tables = new MihTables(shape, new UnmanagedMemory<byte>(at, (int)shape.SizeInBytes + MihTables.ReadSlack).Memory);
                if (tables.FindInconsistency() is { } problem) throw UserInputException.ForFile(path, $"corrupted multi-index tables: {problem}");
            }
            return new HammingIndex(bits, ids, codes, tables, mapped);
        }
        catch
        {
            mapped.Dispose();
            throw;
        }
    }

    /// <summary>Size in bytes of a file holding <paramref name="count"/> codes of <paramref name="bytes"/> bytes and tables of <paramref name="shape"/>.</summary>
    public static long ExpectedLength(int count, int bytes, MihTableShape? shape) =>
        HeaderBytes + 8L * count + Align8((long)count * bytes) + (shape?.SizeInBytes ?? 0) + 8;

    /// <summary>The checksum an index file stores after <paramref name="content"/>, the bytes before its last 8.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> content) => IndexChecksum.Of(content);

    private static long Align8(long bytes) => (bytes + 7) / 8 * 8;

    private static unsafe ulong Checksum(byte* data, long length)
    {
        var hash = new IndexChecksum();
        for (long offset = 0; offset < length; offset += 1 << 30)
            hash.Append(new ReadOnlySpan<byte>(data + offset, (int)Math.Min(1 << 30, length - offset)));
        return hash.Value;
    }
}
