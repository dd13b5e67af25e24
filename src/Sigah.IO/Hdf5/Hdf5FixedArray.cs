namespace Sigah.IO.Hdf5;

/// <summary>
/// The fixed array chunk index (layout v4, what libver='latest' writes for chunked datasets of fixed size): a
/// header (<c>FAHD</c>) and a data block (<c>FADB</c>) holding one entry per chunk of the maximum dimensions, in
/// row-major order; above 2^pageBits entries the block is split into pages that follow it, each with its own
/// checksum, and a bitmap says which pages were ever written.
/// </summary>
internal static class Hdf5FixedArray
{
    private static ReadOnlySpan<byte> HeaderSignature => "FAHD"u8;
    private static ReadOnlySpan<byte> BlockSignature => "FADB"u8;

    public static void Read(Hdf5File file, ulong address, Hdf5ChunkGrid grid, Hdf5ChunkGrid maxGrid, ulong chunkBytes, bool filtered,
        Dictionary<long, Hdf5Chunk> chunks)
    {
        int offsetSize = file.Superblock.OffsetSize, lengthSize = file.Superblock.LengthSize;
        string what = $"fixed array header at {address}";
        var header = file.ReadMetadata(address, 4 + 4 + lengthSize + offsetSize + 4, what);
        if (!header.AsSpan().StartsWith(HeaderSignature)) throw file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(header)) throw file.Damaged($"{what} fails its checksum");
        var cursor = new Hdf5Cursor(header, file, what);
        cursor.Skip(4 + 1); // signature, version
        int client = cursor.U8();
        int entrySize = cursor.U8();
        int pageBits = cursor.U8();
        ulong entries = cursor.Length();
        ulong blockAddress = cursor.Address();
        int sizeBytes = entrySize - offsetSize - 4;
        if (client != (filtered ? 1 : 0) || (filtered ? sizeBytes is < 1 or > 8 : entrySize != offsetSize))
            throw file.Damaged($"{what} has client {client} with {entrySize}-byte entries");
        if (entries != (ulong)maxGrid.Count) throw file.Damaged($"{what} has {entries} entries for {maxGrid.Count} chunks");
        if (pageBits is < 1 or > 31) throw file.Damaged($"{what} has pages of 2^{pageBits} entries");
        if (blockAddress == Hdf5Superblock.UndefinedAddress) return;
        if ((Int128)entries * entrySize > file.Length) throw file.Damaged($"{what}: {entries} entries do not fit in the file");

        long count = (long)entries, perPage = 1L << pageBits;
        long pages = count > perPage ? (count + perPage - 1) / perPage : 0;
        int bitmapBytes = (int)((pages + 7) / 8);
        int prefix = 4 + 2 + offsetSize + bitmapBytes;
        string blockWhat = $"fixed array data block at {blockAddress}";
        long blockBytes = prefix + (pages == 0 ? count * entrySize : 0) + 4;
        var block = file.ReadMetadata(blockAddress, blockBytes, blockWhat);
        if (!block.AsSpan().StartsWith(BlockSignature)) throw file.Damaged($"{blockWhat} lacks its signature");
        if (!Lookup3Checksum.Verify(block)) throw file.Damaged($"{blockWhat} fails its checksum");
        if (pages == 0)
        {
            ReadEntries(file, block.AsSpan(prefix, (int)(count * entrySize)), 0, count, sizeBytes, filtered, chunkBytes, grid, maxGrid, chunks);
            return;
        }
        var bitmap = block.AsSpan(prefix - bitmapBytes, bitmapBytes);
        ulong pageAddress = blockAddress + (ulong)blockBytes;
        for (long p = 0; p < pages; p++)
        {
            long first = p * perPage, inPage = Math.Min(perPage, count - first);
            long pageBytes = inPage * entrySize + 4;
            // The bitmap's bits run from the most significant bit of its first byte; unwritten pages hold no chunks.
            if ((bitmap[(int)(p / 8)] & (0x80 >> (int)(p % 8))) != 0)
            {
                string pageWhat = $"fixed array page at {pageAddress}";
                var page = file.ReadMetadata(pageAddress, pageBytes, pageWhat);
                if (!Lookup3Checksum.Verify(page)) throw file.Damaged($"{pageWhat} fails its checksum");
                ReadEntries(file, page.AsSpan(0, page.Length - 4), first, inPage, sizeBytes, filtered, chunkBytes, grid, maxGrid, chunks);
            }
            pageAddress += (ulong)pageBytes;
        }
    }

    /// <summary>Entries: the chunk's address, and for filtered chunks its stored size and filter mask.</summary>
    private static void ReadEntries(Hdf5File file, ReadOnlySpan<byte> bytes, long first, long count, int sizeBytes, bool filtered,
        ulong chunkBytes, Hdf5ChunkGrid grid, Hdf5ChunkGrid maxGrid, Dictionary<long, Hdf5Chunk> chunks)
    {
        var cursor = new Hdf5Cursor(bytes, file, "fixed array entries");
        for (long i = 0; i < count; i++)
        {
            ulong chunkAddress = cursor.Address();
            ulong size = filtered ? cursor.UInt(sizeBytes) : chunkBytes;
            uint mask = filtered ? cursor.U32() : 0;
            if (chunkAddress != Hdf5Superblock.UndefinedAddress && maxGrid.TryMapTo(grid, first + i, out long index))
                chunks[index] = new Hdf5Chunk(chunkAddress, size, mask);
        }
    }
}
