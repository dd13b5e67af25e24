using System.Numerics;

namespace Sigah.IO.Hdf5;

/// <summary>
/// A fractal heap (header <c>FRHP</c>), where libver 'latest' keeps the link messages of a group of more than 8
/// links. Objects are found by heap ID: tiny objects sit in the ID itself, managed ones at an offset in a
/// "doubling table" of direct blocks (<c>FHDB</c>) under indirect blocks (<c>FHIB</c>): each row of a table holds
/// <c>width</c> blocks, rows 0 and 1 of the starting block size and each later row of twice the size of the one
/// before. Filtered (compressed) heaps and huge objects are not supported.
/// </summary>
internal sealed class FractalHeap
{
    private static ReadOnlySpan<byte> HeaderSignature => "FRHP"u8;
    private static ReadOnlySpan<byte> IndirectSignature => "FHIB"u8;
    private static ReadOnlySpan<byte> DirectSignature => "FHDB"u8;

    /// <summary>Indirect blocks nest at most this deep (each level at least doubles the block size).</summary>
    private const int MaxNesting = 64;

    private readonly Hdf5File _file;
    private readonly ulong _address;
    private readonly int _width;
    private readonly ulong _startBlockSize;
    private readonly ulong _maxDirectBlockSize;
    private readonly int _offsetBytes;
    private readonly int _lengthBytes;
    private readonly bool _checksummedBlocks;
    private readonly ulong _root;
    private readonly int _rootRows;

    private FractalHeap(Hdf5File file, ulong address)
    {
        _file = file;
        _address = address;
        int o = file.Superblock.OffsetSize, l = file.Superblock.LengthSize;
        string what = $"fractal heap at {address}";
        var header = file.ReadMetadata(address, 4 + 1 + 2 + 2 + 1 + 4 + 12 * l + 3 * o + 2 + 2 + 2 + 2 + 4, what);
        var cursor = new Hdf5Cursor(header, file, what);
        if (!cursor.Bytes(4).SequenceEqual(HeaderSignature)) throw file.Damaged($"{what} lacks its signature");
        cursor.Skip(1 + 2); // version, heap ID length
        if (cursor.U16() != 0) throw file.Unsupported("compressed fractal heaps");
        _checksummedBlocks = (cursor.U8() & 0x02) != 0;
        uint maxManagedObject = cursor.U32();
        cursor.Skip(l + o + l + o + 8 * l); // huge objects, free space, managed space counters, object counts
        _width = cursor.U16();
        _startBlockSize = cursor.Length();
        _maxDirectBlockSize = cursor.Length();
        int maxHeapBits = cursor.U16();
        cursor.Skip(2); // starting rows of the root indirect block
        _root = cursor.Address();
        _rootRows = cursor.U16();
        cursor.Skip(4);
        if (!Lookup3Checksum.Verify(header.AsSpan(0, cursor.Position))) throw file.Damaged($"{what} fails its checksum");
        if (_width is 0 or > 65536 || !BitOperations.IsPow2(_width) || !BitOperations.IsPow2(_startBlockSize) || !BitOperations.IsPow2(_maxDirectBlockSize)
            || _maxDirectBlockSize < _startBlockSize || _maxDirectBlockSize > (ulong)file.Length * 2 + 65536 || maxHeapBits is < 1 or > 64 || maxManagedObject == 0)
            throw file.Damaged($"{what} has an impossible block table");
        _offsetBytes = (maxHeapBits + 7) / 8;
        _lengthBytes = Math.Min((BitOperations.Log2(_maxDirectBlockSize) + 7) / 8, BitOperations.Log2(maxManagedObject) / 8 + 1);
    }

    public static FractalHeap Open(Hdf5File file, ulong address) => new(file, address);

    /// <summary>The object whose heap ID is <paramref name="id"/>.</summary>
    public byte[] Read(ReadOnlySpan<byte> id)
    {
        var cursor = new Hdf5Cursor(id, _file, "fractal heap ID");
        int flags = cursor.U8();
        if ((flags & 0xC0) != 0) throw _file.Damaged($"fractal heap ID has version {flags >> 6}");
        switch ((flags >> 4) & 0x03)
        {
            case 0:
                ulong offset = cursor.UInt(_offsetBytes);
                ulong length = cursor.UInt(_lengthBytes);
                return Managed(offset, length);
            case 2:
                return cursor.Bytes((flags & 0x0F) + 1).ToArray();
            default:
                throw _file.Unsupported("huge objects in fractal heaps");
        }
    }

    /// <summary>A managed object: found by walking from the root block to the direct block that holds its offset.</summary>
    private byte[] Managed(ulong offset, ulong length)
    {
        if (length == 0 || length > _maxDirectBlockSize) throw _file.Damaged($"fractal heap object of {length} bytes");
        if (_rootRows == 0) return FromDirectBlock(_root, 0, _startBlockSize, offset, length);
        ulong block = _root, blockOffset = 0;
        int rows = _rootRows;
        for (int level = 0; level < MaxNesting; level++)
        {
            var (child, childOffset, childSize) = Entry(block, blockOffset, rows, offset);
            if (childSize <= _maxDirectBlockSize) return FromDirectBlock(child, childOffset, childSize, offset, length);
            block = child;
            blockOffset = childOffset;
            rows = BitOperations.Log2(childSize) - BitOperations.Log2(_startBlockSize * (ulong)_width) + 1;
        }
        throw _file.Damaged("fractal heap blocks nest too deep");
    }

    /// <summary>The entry of the indirect block at <paramref name="address"/> covering heap offset <paramref name="offset"/>.</summary>
    private (ulong Address, ulong Offset, ulong Size) Entry(ulong address, ulong blockOffset, int rows, ulong offset)
    {
        string what = $"fractal heap indirect block at {address}";
        int o = _file.Superblock.OffsetSize;
        if (rows is < 1 or > 64) throw _file.Damaged($"{what} has {rows} rows");
        long entries = (long)rows * _width;
        var block = _file.ReadMetadata(address, 4 + 1 + o + _offsetBytes + entries * o + 4, what);
        var cursor = new Hdf5Cursor(block, _file, what);
        if (!cursor.Bytes(4).SequenceEqual(IndirectSignature)) throw _file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(block)) throw _file.Damaged($"{what} fails its checksum");
        cursor.Skip(1 + o + _offsetBytes);
        ulong at = blockOffset;
        for (int r = 0; r < rows; r++)
        {
            ulong size = r == 0 ? _startBlockSize : _startBlockSize << (r - 1);
            for (int c = 0; c < _width; c++, at += size)
            {
                ulong child = cursor.Address();
                if (offset >= at && offset - at < size)
                    return child == Hdf5Superblock.UndefinedAddress ? throw _file.Damaged($"fractal heap offset {offset} is in a block never written") : (child, at, size);
            }
        }
        throw _file.Damaged($"fractal heap offset {offset} lies outside its blocks");
    }

    private byte[] FromDirectBlock(ulong address, ulong blockOffset, ulong blockSize, ulong offset, ulong length)
    {
        string what = $"fractal heap direct block at {address}";
        ulong within = offset - blockOffset;
        int headerBytes = 4 + 1 + _file.Superblock.OffsetSize + _offsetBytes + (_checksummedBlocks ? 4 : 0);
        if (within < (ulong)headerBytes || length > blockSize || within > blockSize - length)
            throw _file.Damaged($"fractal heap object at {offset} does not fit in its block");
        var header = _file.ReadMetadata(address, headerBytes, what);
        if (!header.AsSpan().StartsWith(DirectSignature)) throw _file.Damaged($"{what} lacks its signature");
        return _file.ReadMetadata(address + within, (long)length, what);
    }
}
