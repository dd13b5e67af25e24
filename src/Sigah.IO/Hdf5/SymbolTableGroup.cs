using System.Text;

namespace Sigah.IO.Hdf5;

/// <summary>
/// The links of an "old-style" group (what h5py writes by default): a symbol table message points at a v1 B-tree
/// (type 0) whose leaves are symbol table nodes (<c>SNOD</c>), and at a local heap (<c>HEAP</c>) holding the names.
/// </summary>
internal static class SymbolTableGroup
{
    private static ReadOnlySpan<byte> HeapSignature => "HEAP"u8;
    private static ReadOnlySpan<byte> NodeSignature => "SNOD"u8;

    public static List<Hdf5Link> Links(Hdf5File file, ReadOnlySpan<byte> symbolTableMessage)
    {
        var message = new Hdf5Cursor(symbolTableMessage, file, "symbol table message");
        ulong btree = message.Address();
        ulong heapAddress = message.Address();
        byte[] names = HeapData(file, heapAddress);
        var links = new List<Hdf5Link>();
        foreach (var (_, node) in V1BTree.Leaves(file, btree, nodeType: 0, keySize: file.Superblock.LengthSize))
            ReadNode(file, node, names, links);
        return links;
    }

    /// <summary>The data segment of the local heap at <paramref name="address"/>.</summary>
    private static byte[] HeapData(Hdf5File file, ulong address)
    {
        string what = $"local heap at {address}";
        int headerBytes = 8 + 2 * file.Superblock.LengthSize + file.Superblock.OffsetSize;
        var cursor = new Hdf5Cursor(file.ReadMetadata(address, headerBytes, what), file, what);
        if (!cursor.Bytes(4).SequenceEqual(HeapSignature)) throw file.Damaged($"{what} lacks its signature");
        cursor.Skip(4); // version, reserved
        int size = cursor.SmallLength("data segment size");
        cursor.Skip(file.Superblock.LengthSize); // free list head
        return file.ReadMetadata(cursor.Address(), size, what + " data");
    }

    private static void ReadNode(Hdf5File file, ulong address, byte[] names, List<Hdf5Link> links)
    {
        string what = $"symbol table node at {address}";
        int offsetSize = file.Superblock.OffsetSize;
        var header = new Hdf5Cursor(file.ReadMetadata(address, 8, what), file, what);
        if (!header.Bytes(4).SequenceEqual(NodeSignature)) throw file.Damaged($"{what} lacks its signature");
        header.Skip(2); // version, reserved
        int count = header.U16();
        int entryBytes = 2 * offsetSize + 24;
        var entries = new Hdf5Cursor(file.ReadMetadata(address + 8, (long)count * entryBytes, what), file, what);
        for (int i = 0; i < count; i++)
        {
            ulong nameOffset = entries.UInt(offsetSize);
            ulong objectHeader = entries.Address();
            uint cacheType = entries.U32();
            entries.Skip(20); // reserved, scratch pad
            // Cache type 2 marks a soft link (its target path is in the scratch pad, not an object header).
            links.Add(new Hdf5Link(Name(file, names, nameOffset), objectHeader, IsHard: cacheType != 2));
        }
    }

    /// <summary>The null-terminated name at <paramref name="offset"/> of the heap's data segment.</summary>
    private static string Name(Hdf5File file, byte[] names, ulong offset)
    {
        if (offset >= (ulong)names.Length) throw file.Damaged($"symbol name offset {offset} lies outside its heap");
        var rest = names.AsSpan((int)offset);
        int end = rest.IndexOf((byte)0);
        if (end <= 0) throw file.Damaged($"symbol name at heap offset {offset} is empty or unterminated");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
