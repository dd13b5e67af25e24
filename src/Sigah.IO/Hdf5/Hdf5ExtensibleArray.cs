using System.Numerics;

namespace Sigah.IO.Hdf5;

/// <summary>
/// The extensible array chunk index (layout v4, what libver='latest' writes for datasets resizable along their first
/// dimension): a header (<c>EAHD</c>) and an index block (<c>EAIB</c>) holding the first few entries, the addresses
/// of the first data blocks (<c>EADB</c>) and of super blocks (<c>EASB</c>) that hold the addresses of later data
/// blocks. Super block u has 2^(u/2) data blocks of 2^((u+1)/2) × (minimum) entries; data blocks above 2^pageBits
/// entries are split into checksummed pages that follow the block, and the super block's bitmaps say which pages
/// were written. Entry i is the chunk numbered i in row-major order over the dataset's maximum dimensions (the
/// first being unlimited).
/// </summary>
internal static class Hdf5ExtensibleArray
{
    private static ReadOnlySpan<byte> HeaderSignature => "EAHD"u8;
    private static ReadOnlySpan<byte> IndexSignature => "EAIB"u8;
    private static ReadOnlySpan<byte> SuperSignature => "EASB"u8;
    private static ReadOnlySpan<byte> DataSignature => "EADB"u8;

    public static void Read(Hdf5File file, ulong address, Hdf5ChunkGrid grid, Hdf5ChunkGrid entryGrid, ulong chunkBytes, bool filtered,
        Dictionary<long, Hdf5Chunk> chunks)
    {
        var array = new Layout(file, address, filtered);
        var reader = new EntryReader(file, grid, entryGrid, chunkBytes, filtered, array.EntrySize, chunks);
        string what = $"extensible array index block at {array.IndexBlock}";
        if (array.IndexBlock == Hdf5Superblock.UndefinedAddress) return;
        int o = file.Superblock.OffsetSize;
        int directBlocks = 2 * (array.MinDataPointers - 1);
        int directSuperBlocks = 2 * BitOperations.Log2((uint)array.MinDataPointers);
        int superBlockAddresses = Math.Max(0, array.SuperBlocks - directSuperBlocks);
        long length = 4 + 2 + o + (long)array.IndexElements * array.EntrySize + (long)(directBlocks + superBlockAddresses) * o + 4;
        var block = Checked(file, address: array.IndexBlock, length, IndexSignature, what);
        var cursor = new Hdf5Cursor(block, file, what);
        cursor.Skip(4 + 2 + o);
        reader.Read(cursor.Bytes(array.IndexElements * array.EntrySize), first: 0);
        var dataBlocks = new ulong[directBlocks];
        for (int i = 0; i < directBlocks; i++) dataBlocks[i] = cursor.Address();
        var superBlocks = new ulong[superBlockAddresses];
        for (int i = 0; i < superBlockAddresses; i++) superBlocks[i] = cursor.Address();

        long firstEntry = array.IndexElements, dataBlockNumber = 0;
        for (int u = 0; u < array.SuperBlocks && firstEntry < array.MaxIndexSet; u++)
        {
            long blocksHere = 1L << (u / 2), entriesPerBlock = (1L << ((u + 1) / 2)) * array.MinDataElements;
            if (u < directSuperBlocks)
            {
                for (long k = 0; k < blocksHere; k++, dataBlockNumber++)
                    ReadDataBlock(file, array, reader, dataBlocks[dataBlockNumber], entriesPerBlock, firstEntry + k * entriesPerBlock, pageBitmap: null);
            }
            else if (superBlocks[u - directSuperBlocks] != Hdf5Superblock.UndefinedAddress)
            {
                ReadSuperBlock(file, array, reader, superBlocks[u - directSuperBlocks], blocksHere, entriesPerBlock, firstEntry);
            }
            firstEntry += blocksHere * entriesPerBlock;
        }
    }

    private static void ReadSuperBlock(Hdf5File file, Layout array, EntryReader reader, ulong address, long blocks, long entriesPerBlock, long firstEntry)
    {
        string what = $"extensible array super block at {address}";
        int o = file.Superblock.OffsetSize;
        long pages = entriesPerBlock > array.PageEntries ? entriesPerBlock / array.PageEntries : 0;
        int bitmapBytes = (int)((pages + 7) / 8);
        long length = 4 + 2 + o + array.BlockOffsetBytes + blocks * bitmapBytes + blocks * o + 4;
        var block = Checked(file, address, length, SuperSignature, what);
        var cursor = new Hdf5Cursor(block, file, what);
        cursor.Skip(4 + 2 + o + array.BlockOffsetBytes);
        // One run of bits for all the blocks (block k's pages start at bit k * pages), in as many bytes as the
        // blocks' bitmaps would take each rounded up to whole bytes.
        var bitmap = cursor.Bytes((int)(blocks * bitmapBytes)).ToArray();
        for (long k = 0; k < blocks; k++)
            ReadDataBlock(file, array, reader, cursor.Address(), entriesPerBlock, firstEntry + k * entriesPerBlock, pages == 0 ? null : (bitmap, k * pages));
    }

    private static void ReadDataBlock(Hdf5File file, Layout array, EntryReader reader, ulong address, long entries, long firstEntry,
        (byte[] Bits, long First)? pageBitmap)
    {
        if (address == Hdf5Superblock.UndefinedAddress) return;
        string what = $"extensible array data block at {address}";
        int prefix = 4 + 2 + file.Superblock.OffsetSize + array.BlockOffsetBytes;
        if (pageBitmap is null)
        {
            var block = Checked(file, address, prefix + entries * array.EntrySize + 4, DataSignature, what);
            reader.Read(block.AsSpan(prefix, (int)(entries * array.EntrySize)), firstEntry);
            return;
        }
        Checked(file, address, prefix + 4, DataSignature, what);
        long pageBytes = array.PageEntries * array.EntrySize + 4;
        ulong page = address + (ulong)(prefix + 4);
        for (long p = 0; p < entries / array.PageEntries; p++, page += (ulong)pageBytes)
        {
            // Bits run from the most significant bit of the first byte; pages never written hold no chunks.
            long bit = pageBitmap.Value.First + p;
            if ((pageBitmap.Value.Bits[bit / 8] & (0x80 >> (int)(bit % 8))) == 0) continue;
            var bytes = file.ReadMetadata(page, pageBytes, $"extensible array page at {page}");
            if (!Lookup3Checksum.Verify(bytes)) throw file.Damaged($"extensible array page at {page} fails its checksum");
            reader.Read(bytes.AsSpan(0, bytes.Length - 4), firstEntry + p * array.PageEntries);
        }
    }

    /// <summary>Reads a checksummed block that starts with <paramref name="signature"/>.</summary>
    private static byte[] Checked(Hdf5File file, ulong address, long length, ReadOnlySpan<byte> signature, string what)
    {
        var block = file.ReadMetadata(address, length, what);
        if (!block.AsSpan().StartsWith(signature)) throw file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(block)) throw file.Damaged($"{what} fails its checksum");
        return block;
    }

    /// <summary>The array's parameters, from its header.</summary>
    private sealed class Layout
    {
        public Layout(Hdf5File file, ulong address, bool filtered)
        {
            int o = file.Superblock.OffsetSize, l = file.Superblock.LengthSize;
            string what = $"extensible array header at {address}";
            var header = Checked(file, address, 4 + 1 + 1 + 6 + 6 * l + o + 4, HeaderSignature, what);
            var cursor = new Hdf5Cursor(header, file, what);
            cursor.Skip(5);
            int client = cursor.U8();
            EntrySize = cursor.U8();
            int maxEntryBits = cursor.U8();
            IndexElements = cursor.U8();
            MinDataElements = cursor.U8();
            MinDataPointers = cursor.U8();
            int pageBits = cursor.U8();
            cursor.Skip(4 * l); // statistics of super and data blocks
            ulong maxIndexSet = cursor.Length();
            cursor.Skip(l); // elements realized
            IndexBlock = cursor.Address();
            int o4 = o + 4;
            if (client != (filtered ? 1 : 0) || (filtered ? EntrySize - o4 is < 1 or > 8 : EntrySize != o))
                throw file.Damaged($"{what} has client {client} with {EntrySize}-byte entries");
            if (maxEntryBits is < 1 or > 64 || !BitOperations.IsPow2(MinDataElements) || !BitOperations.IsPow2(MinDataPointers)
                || MinDataElements < 2 || MinDataPointers < 2 || BitOperations.Log2((uint)MinDataElements) >= maxEntryBits || pageBits is < 1 or > 31)
                throw file.Damaged($"{what} has impossible block sizes");
            SuperBlocks = 1 + maxEntryBits - BitOperations.Log2((uint)MinDataElements);
            BlockOffsetBytes = (maxEntryBits + 7) / 8;
            PageEntries = 1L << pageBits;
            MaxIndexSet = maxIndexSet > long.MaxValue ? long.MaxValue : (long)maxIndexSet;
        }

        public int EntrySize { get; }
        public int IndexElements { get; }
        public int MinDataElements { get; }
        public int MinDataPointers { get; }
        public int SuperBlocks { get; }
        public int BlockOffsetBytes { get; }
        public long PageEntries { get; }

        /// <summary>One more than the highest entry ever set: blocks past it were never allocated.</summary>
        public long MaxIndexSet { get; }

        public ulong IndexBlock { get; }
    }

    /// <summary>Turns entries (address, and for filtered chunks stored size and filter mask) into chunks of the dataset.</summary>
    private sealed class EntryReader(Hdf5File file, Hdf5ChunkGrid grid, Hdf5ChunkGrid entryGrid, ulong chunkBytes, bool filtered, int entrySize,
        Dictionary<long, Hdf5Chunk> chunks)
    {
        private readonly int _sizeBytes = entrySize - file.Superblock.OffsetSize - 4;

        public void Read(ReadOnlySpan<byte> entries, long first)
        {
            var cursor = new Hdf5Cursor(entries, file, "extensible array entries");
            for (long i = first; cursor.Remaining >= entrySize; i++)
            {
                ulong address = cursor.Address();
                ulong size = filtered ? cursor.UInt(_sizeBytes) : chunkBytes;
                uint mask = filtered ? cursor.U32() : 0;
                if (address != Hdf5Superblock.UndefinedAddress && entryGrid.TryMapTo(grid, i, out long index))
                    chunks[index] = new Hdf5Chunk(address, size, mask);
            }
        }
    }
}
