using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.IO.Hdf5;

/// <summary>
/// Writes a new HDF5 file holding one float32 matrix as a contiguous dataset of the root group: a version 2
/// superblock, version 1 object headers, and the root's link in a link message (the layout HDF5 1.8 and later
/// read, h5py included). The data follows the metadata, 8-byte aligned.
/// </summary>
internal static class Hdf5Writer
{
    private const int OffsetSize = 8;
    private const int SuperblockBytes = 48;
    private const int HeaderPrefixBytes = 16;

    public static void Write(string path, string dataset, FloatMatrix m)
    {
        ElementWriter.CheckRepresentable(path, m, VectorElementType.Float32);
        if (dataset.Contains('/'))
            throw UserInputException.ForFile(path, $"cannot write dataset {UserInputException.Quote(dataset)}: Sigah writes datasets of the root group only (no '/')");
        byte[] name = Encoding.UTF8.GetBytes(dataset);
        if (name.Length > ushort.MaxValue) throw UserInputException.ForFile(path, "dataset name is too long");

        ulong dataBytes = (ulong)m.Data.LongLength * sizeof(float);
        // Message sizes do not depend on the addresses they hold, so every address is known before writing.
        byte[][] rootMessages = [Message(0x02, LinkInfo()), Message(0x0A, [0, 0]), Message(0x06, Link(name, address: 0))];
        ulong datasetAddress = SuperblockBytes + HeaderPrefixBytes + (ulong)rootMessages.Sum(x => x.Length);
        rootMessages[2] = Message(0x06, Link(name, datasetAddress));
        byte[][] datasetMessages =
        [
            Message(0x01, Dataspace((ulong)m.Rows, (ulong)m.Cols)),
            Message(0x03, Float32Type()),
            Message(0x05, [2, 2, 2, 0]), // fill value v2: allocated late, written if set, no value defined
            Message(0x08, ContiguousLayout(0, 0)),
        ];
        ulong dataAddress = datasetAddress + HeaderPrefixBytes + (ulong)datasetMessages.Sum(x => x.Length);
        datasetMessages[3] = Message(0x08, ContiguousLayout(dataBytes == 0 ? ulong.MaxValue : dataAddress, dataBytes));
        var root = Header(rootMessages);
        var datasetHeader = Header(datasetMessages);
        var superblock = Superblock(dataAddress + dataBytes);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(superblock);
            stream.Write(root);
            stream.Write(datasetHeader);
            stream.Write(MemoryMarshal.AsBytes(m.Data.AsSpan()));
        });
    }

    /// <summary>Superblock version 2: signature, version, sizes, flags, base/extension/end/root addresses, checksum.</summary>
    private static byte[] Superblock(ulong endOfFile)
    {
        var b = new byte[SuperblockBytes];
        byte[] signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];
        signature.CopyTo(b, 0);
        b[8] = 2;
        b[9] = OffsetSize;
        b[10] = OffsetSize;
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(12), 0);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(20), ulong.MaxValue);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(28), endOfFile);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(36), SuperblockBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(44), Lookup3Checksum.Compute(b.AsSpan(0, 44)));
        return b;
    }

    /// <summary>A version 1 object header: prefix (version, reserved, message count, reference count, size, padding), messages.</summary>
    private static byte[] Header(byte[][] messages)
    {
        int size = messages.Sum(m => m.Length);
        var b = new byte[HeaderPrefixBytes + size];
        b[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)messages.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)size);
        int at = HeaderPrefixBytes;
        foreach (var m in messages)
        {
            m.CopyTo(b, at);
            at += m.Length;
        }
        return b;
    }

    /// <summary>A version 1 message: type, body size, flags, reserved, body padded to a multiple of 8 bytes.</summary>
    private static byte[] Message(ushort type, byte[] body)
    {
        int padded = (body.Length + 7) & ~7;
        var b = new byte[8 + padded];
        BinaryPrimitives.WriteUInt16LittleEndian(b, type);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)padded);
        body.CopyTo(b, 8);
        return b;
    }

    /// <summary>Link info: version 0, no flags, no fractal heap, no name index (links are compact).</summary>
    private static byte[] LinkInfo()
    {
        var b = new byte[2 + 2 * OffsetSize];
        b.AsSpan(2).Fill(0xff);
        return b;
    }

    /// <summary>A hard link: version 1, flags (2-byte name length, UTF-8 charset present), charset, length, name, address.</summary>
    private static byte[] Link(byte[] name, ulong address)
    {
        var b = new byte[2 + 1 + 2 + name.Length + OffsetSize];
        b[0] = 1;
        b[1] = 0x01 | 0x10;
        b[2] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(3), (ushort)name.Length);
        name.CopyTo(b, 5);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(5 + name.Length), address);
        return b;
    }

    /// <summary>Dataspace version 1: version, rank, flags, reserved (5 bytes), dimensions.</summary>
    private static byte[] Dataspace(ulong rows, ulong cols)
    {
        var b = new byte[8 + 16];
        b[0] = 1;
        b[1] = 2;
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), cols);
        return b;
    }

    /// <summary>
    /// IEEE float32, little-endian: class 1 version 1, bit field (implied mantissa bit, sign at bit 31), size 4,
    /// bit offset 0, precision 32, exponent at 23 of 8 bits, mantissa at 0 of 23 bits, exponent bias 127.
    /// </summary>
    private static byte[] Float32Type()
    {
        var b = new byte[20];
        b[0] = 0x11;
        b[1] = 0x20;
        b[2] = 31;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), 32);
        b[12] = 23;
        b[13] = 8;
        b[14] = 0;
        b[15] = 23;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), 127);
        return b;
    }

    /// <summary>Data layout version 3, contiguous: address and size.</summary>
    private static byte[] ContiguousLayout(ulong address, ulong size)
    {
        var b = new byte[2 + 2 * OffsetSize];
        b[0] = 3;
        b[1] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(2), address);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(10), size);
        return b;
    }
}
