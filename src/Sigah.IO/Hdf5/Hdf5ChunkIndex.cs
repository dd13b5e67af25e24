namespace Sigah.IO.Hdf5;

/// <summary>
/// Reads a chunked dataset's index into a map from chunk number (row-major over <see cref="Hdf5ChunkGrid"/>) to the
/// stored chunk. Chunks missing from the map were never written and read as the fill value. Supported indexes:
/// the v1 B-tree (every HDF5 version), and the single-chunk, implicit, fixed-array, extensible-array and v2 B-tree
/// indexes of layout version 4.
/// </summary>
internal static class Hdf5ChunkIndex
{
    public static Dictionary<long, Hdf5Chunk> Read(Hdf5File file, Hdf5Layout layout, ulong[] dims, ulong[] maxDims, ulong chunkBytes, bool filtered)
    {
        var grid = new Hdf5ChunkGrid(dims, layout.ChunkDims);
        var chunks = new Dictionary<long, Hdf5Chunk>();
        if (layout.Address == Hdf5Superblock.UndefinedAddress || grid.Count == 0) return chunks;
        switch (layout.Index)
        {
            case Hdf5ChunkIndexType.V1BTree:
                FromV1BTree(file, layout, grid, chunks);
                break;
            case Hdf5ChunkIndexType.SingleChunk:
                if (grid.Count != 1) throw file.Damaged($"single-chunk index for {grid.Count} chunks");
                chunks[0] = filtered ? new Hdf5Chunk(layout.Address, layout.SingleChunkSize, layout.SingleChunkFilterMask) : new Hdf5Chunk(layout.Address, chunkBytes, 0);
                break;
            case Hdf5ChunkIndexType.Implicit:
                FromImplicit(file, layout, grid, FixedGrid(file, maxDims, layout), chunkBytes, chunks);
                break;
            case Hdf5ChunkIndexType.FixedArray:
                Hdf5FixedArray.Read(file, layout.Address, grid, FixedGrid(file, maxDims, layout), chunkBytes, filtered, chunks);
                break;
            case Hdf5ChunkIndexType.ExtensibleArray:
                // Entries follow the maximum dimensions, the first (unlimited) one excepted.
                if (maxDims.Skip(1).Any(m => m == Hdf5Superblock.UndefinedAddress))
                    throw file.Unsupported("extensible array chunk index over a dimension other than the first");
                var entryGrid = new Hdf5ChunkGrid([dims[0], .. maxDims[1..]], layout.ChunkDims);
                Hdf5ExtensibleArray.Read(file, layout.Address, grid, entryGrid, chunkBytes, filtered, chunks);
                break;
            default:
                FromV2BTree(file, layout, grid, chunkBytes, filtered, chunks);
                break;
        }
        return chunks;
    }

    /// <summary>The chunks of the maximum dimensions, which indexes of fixed-size datasets number.</summary>
    private static Hdf5ChunkGrid FixedGrid(Hdf5File file, ulong[] maxDims, Hdf5Layout layout) =>
        maxDims.Any(m => m == Hdf5Superblock.UndefinedAddress)
            ? throw file.Damaged($"{layout.Index} chunk index for a dataset of unlimited size")
            : new Hdf5ChunkGrid(maxDims, layout.ChunkDims);

    /// <summary>Leaf keys hold the chunk's stored size, filter mask and element offsets (one per dimension, plus 0).</summary>
    private static void FromV1BTree(Hdf5File file, Hdf5Layout layout, Hdf5ChunkGrid grid, Dictionary<long, Hdf5Chunk> chunks)
    {
        int rank = layout.ChunkDims.Length;
        Span<ulong> offsets = stackalloc ulong[rank];
        foreach (var (key, child) in V1BTree.Leaves(file, layout.Address, nodeType: 1, keySize: 8 + 8 * (rank + 1)))
        {
            var cursor = new Hdf5Cursor(key, file, "chunk B-tree key");
            uint size = cursor.U32();
            uint mask = cursor.U32();
            for (int i = 0; i < rank; i++) offsets[i] = cursor.UInt(8);
            if (!grid.TryIndex(offsets, out long index)) throw file.Damaged($"chunk at {string.Join(", ", offsets.ToArray())} is outside the dataset");
            if (!chunks.TryAdd(index, new Hdf5Chunk(child, size, mask))) throw file.Damaged($"chunk at {string.Join(", ", offsets.ToArray())} is stored twice");
        }
    }

    /// <summary>Records: the chunk's address, [stored size and filter mask when filtered], and its position in chunks (8 bytes per dimension).</summary>
    private static void FromV2BTree(Hdf5File file, Hdf5Layout layout, Hdf5ChunkGrid grid, ulong chunkBytes, bool filtered, Dictionary<long, Hdf5Chunk> chunks)
    {
        int rank = layout.ChunkDims.Length, offsetSize = file.Superblock.OffsetSize;
        Span<ulong> offsets = stackalloc ulong[rank];
        foreach (var record in V2BTree.Records(file, layout.Address, recordType: filtered ? 11 : 10))
        {
            int sizeBytes = record.Length - offsetSize - 4 - 8 * rank;
            if (filtered ? sizeBytes is < 1 or > 8 : record.Length != offsetSize + 8 * rank)
                throw file.Damaged($"chunk B-tree has {record.Length}-byte records for {rank} dimensions");
            var cursor = new Hdf5Cursor(record, file, "chunk B-tree record");
            ulong address = cursor.Address();
            ulong size = filtered ? cursor.UInt(sizeBytes) : 0;
            uint mask = filtered ? cursor.U32() : 0;
            for (int i = 0; i < rank; i++)
            {
                ulong scaled = cursor.UInt(8);
                offsets[i] = scaled <= ulong.MaxValue / layout.ChunkDims[i] ? scaled * layout.ChunkDims[i] : ulong.MaxValue;
            }
            if (!grid.TryIndex(offsets, out long index)) throw file.Damaged("a chunk B-tree record is outside the dataset");
            if (!chunks.TryAdd(index, new Hdf5Chunk(address, filtered ? size : chunkBytes, mask))) throw file.Damaged("a chunk is indexed twice");
        }
    }

    /// <summary>Unfiltered chunks allocated together: chunk i (over the maximum dimensions) at address + i * chunk bytes.</summary>
    private static void FromImplicit(Hdf5File file, Hdf5Layout layout, Hdf5ChunkGrid grid, Hdf5ChunkGrid maxGrid, ulong chunkBytes, Dictionary<long, Hdf5Chunk> chunks)
    {
        if ((Int128)maxGrid.Count * chunkBytes > file.Length) throw file.Damaged($"{maxGrid.Count} chunks of {chunkBytes} bytes do not fit in the file");
        for (long i = 0; i < maxGrid.Count; i++)
            if (maxGrid.TryMapTo(grid, i, out long index)) chunks[index] = new Hdf5Chunk(layout.Address + (ulong)i * chunkBytes, chunkBytes, 0);
    }
}
