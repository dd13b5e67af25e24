namespace Sigah.IO.Hdf5;

/// <summary>How a dataset's elements are stored.</summary>
internal enum Hdf5StorageClass
{
    Compact,
    Contiguous,
    Chunked,
}

/// <summary>The index that maps chunk positions to file addresses (layout version 4 adds four to the v1 B-tree).</summary>
internal enum Hdf5ChunkIndexType
{
    V1BTree = 0,
    SingleChunk = 1,
    Implicit = 2,
    FixedArray = 3,
    ExtensibleArray = 4,
    V2BTree = 5,
}

/// <summary>
/// The data layout message (type 0x08, versions 1 to 4): compact data held in the message, one contiguous block,
/// or chunks found through an index.
/// </summary>
internal sealed class Hdf5Layout
{
    public Hdf5StorageClass Class { get; private init; }

    /// <summary>Contiguous data, or the chunk index (B-tree, single chunk, array header), or undefined when never written.</summary>
    public ulong Address { get; private init; } = Hdf5Superblock.UndefinedAddress;

    /// <summary>Bytes of contiguous storage (computed from the dataspace for versions 1 and 2).</summary>
    public ulong ContiguousSize { get; private init; }

    /// <summary>The compact data.</summary>
    public byte[] CompactData { get; private init; } = [];

    /// <summary>Chunk dimensions (one per dataset dimension, element size excluded).</summary>
    public ulong[] ChunkDims { get; private init; } = [];

    public Hdf5ChunkIndexType Index { get; private init; }

    /// <summary>Layout v4: partial edge chunks are stored without the filters.</summary>
    public bool UnfilteredEdgeChunks { get; private init; }

    /// <summary>Single-chunk index of a filtered dataset: the stored chunk's size and filter mask.</summary>
    public ulong SingleChunkSize { get; private init; }

    public uint SingleChunkFilterMask { get; private init; }

    /// <summary>Fixed array index: log2 of the entries per data block page.</summary>
    public int PageBits { get; private init; }

    public static Hdf5Layout Parse(Hdf5File file, ReadOnlySpan<byte> body, int rank, ulong elementBytes)
    {
        var cursor = new Hdf5Cursor(body, file, "data layout message");
        int version = cursor.U8();
        return version switch
        {
            1 or 2 => ParseV1(file, ref cursor, rank, elementBytes),
            3 or 4 => ParseV3(file, ref cursor, version, rank),
            _ => throw file.Damaged($"data layout message has version {version}"),
        };
    }

    private static Hdf5Layout ParseV1(Hdf5File file, ref Hdf5Cursor cursor, int rank, ulong elementBytes)
    {
        int dimensionality = cursor.U8();
        int layoutClass = cursor.U8();
        cursor.Skip(5);
        ulong address = layoutClass == 0 ? Hdf5Superblock.UndefinedAddress : cursor.Address();
        var dims = new ulong[dimensionality];
        for (int i = 0; i < dimensionality; i++) dims[i] = cursor.U32();
        switch (layoutClass)
        {
            case 0:
                int size = (int)Math.Min(cursor.U32(), int.MaxValue);
                return new Hdf5Layout { Class = Hdf5StorageClass.Compact, CompactData = cursor.Bytes(size).ToArray() };
            case 1:
                return new Hdf5Layout { Class = Hdf5StorageClass.Contiguous, Address = address, ContiguousSize = elementBytes };
            case 2:
                return new Hdf5Layout { Class = Hdf5StorageClass.Chunked, Address = address, ChunkDims = CheckChunkDimensions(file, dims, rank), Index = Hdf5ChunkIndexType.V1BTree };
            default:
                throw file.Damaged($"data layout class {layoutClass}");
        }
    }

    private static Hdf5Layout ParseV3(Hdf5File file, ref Hdf5Cursor cursor, int version, int rank)
    {
        int layoutClass = cursor.U8();
        switch (layoutClass)
        {
            case 0:
                return new Hdf5Layout { Class = Hdf5StorageClass.Compact, CompactData = cursor.Bytes(cursor.U16()).ToArray() };
            case 1:
                return new Hdf5Layout { Class = Hdf5StorageClass.Contiguous, Address = cursor.Address(), ContiguousSize = cursor.Length() };
            case 2:
                return version == 3 ? ChunkedV3(file, ref cursor, rank) : ChunkedV4(file, ref cursor, rank);
            case 3:
                throw file.Unsupported("virtual datasets");
            default:
                throw file.Damaged($"data layout class {layoutClass}");
        }
    }

    private static Hdf5Layout ChunkedV3(Hdf5File file, ref Hdf5Cursor cursor, int rank)
    {
        int dimensionality = cursor.U8();
        ulong address = cursor.Address();
        var dims = ChunkDimensions(file, ref cursor, dimensionality, 4, rank);
        return new Hdf5Layout { Class = Hdf5StorageClass.Chunked, Address = address, ChunkDims = dims, Index = Hdf5ChunkIndexType.V1BTree };
    }

    private static Hdf5Layout ChunkedV4(Hdf5File file, ref Hdf5Cursor cursor, int rank)
    {
        int flags = cursor.U8();
        int dimensionality = cursor.U8();
        int encodedBytes = cursor.U8();
        if (encodedBytes is < 1 or > 8) throw file.Damaged($"chunk dimensions of {encodedBytes} bytes");
        var dims = ChunkDimensions(file, ref cursor, dimensionality, encodedBytes, rank);
        var index = (Hdf5ChunkIndexType)cursor.U8();
        ulong singleSize = 0;
        uint singleMask = 0;
        int pageBits = 0;
        switch (index)
        {
            case Hdf5ChunkIndexType.SingleChunk:
                if ((flags & 0x02) != 0)
                {
                    singleSize = cursor.Length();
                    singleMask = cursor.U32();
                }
                break;
            case Hdf5ChunkIndexType.Implicit:
                break;
            case Hdf5ChunkIndexType.FixedArray:
                pageBits = cursor.U8();
                break;
            case Hdf5ChunkIndexType.ExtensibleArray:
                cursor.Skip(5);
                break;
            case Hdf5ChunkIndexType.V2BTree:
                cursor.Skip(6);
                break;
            default:
                throw file.Damaged($"chunk index type {(int)index}");
        }
        return new Hdf5Layout
        {
            Class = Hdf5StorageClass.Chunked,
            ChunkDims = dims,
            Index = index,
            UnfilteredEdgeChunks = (flags & 0x01) != 0,
            SingleChunkSize = singleSize,
            SingleChunkFilterMask = singleMask,
            PageBits = pageBits,
            Address = cursor.Address(),
        };
    }

    /// <summary>Reads the chunk dimensions: one per dataset dimension, then the element size.</summary>
    private static ulong[] ChunkDimensions(Hdf5File file, ref Hdf5Cursor cursor, int dimensionality, int bytesEach, int rank)
    {
        var dims = new ulong[dimensionality];
        for (int i = 0; i < dimensionality; i++) dims[i] = cursor.UInt(bytesEach);
        return CheckChunkDimensions(file, dims, rank);
    }

    /// <summary>
    /// The chunk dimensions of <paramref name="stored"/> (one per dataset dimension, then the element size, dropped),
    /// checked: as many as the dataset's <paramref name="rank"/>, none 0.
    /// </summary>
    private static ulong[] CheckChunkDimensions(Hdf5File file, ulong[] stored, int rank)
    {
        if (stored.Length != rank + 1) throw file.Damaged($"chunks of {stored.Length - 1} dimensions in a dataset of {rank}");
        var dims = stored[..^1];
        if (dims.Contains(0UL)) throw file.Damaged("a chunk dimension is 0");
        return dims;
    }
}
