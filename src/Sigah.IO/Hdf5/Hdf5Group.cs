namespace Sigah.IO.Hdf5;

/// <summary>
/// The links of a group, whichever way it stores them: a symbol table (h5py's default), link messages in its
/// object header (libver='latest', up to 8 links), or dense storage (libver='latest' above 8 links): link messages
/// in a fractal heap, found through a v2 B-tree of name hashes.
/// </summary>
internal static class Hdf5Group
{
    /// <summary>The group's links, or null when <paramref name="header"/> is not a group's.</summary>
    public static List<Hdf5Link>? Links(Hdf5File file, Hdf5ObjectHeader header)
    {
        if (header.Find(Hdf5MessageType.SymbolTable) is { } symbolTable) return SymbolTableGroup.Links(file, symbolTable.Body);
        var links = new List<Hdf5Link>();
        bool isGroup = false;
        foreach (var message in header.Messages)
        {
            if (message.Type == Hdf5MessageType.LinkInfo)
            {
                isGroup = true;
                var (heap, names) = DenseStorage(file, message.Body);
                if (heap != Hdf5Superblock.UndefinedAddress) links.AddRange(DenseLinks(file, heap, names));
            }
            else if (message.Type == Hdf5MessageType.Link)
            {
                isGroup = true;
                links.Add(Hdf5Link.Parse(file, message.Body));
            }
        }
        return isGroup ? links : null;
    }

    /// <summary>The link info message (type 0x02): version, flags, [max creation index], fractal heap and name index addresses.</summary>
    private static (ulong Heap, ulong NameIndex) DenseStorage(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "link info message");
        int version = cursor.U8();
        if (version != 0) throw file.Damaged($"link info message has version {version}");
        if ((cursor.U8() & 0x01) != 0) cursor.Skip(8);
        return (cursor.Address(), cursor.Address());
    }

    /// <summary>Name index records (type 5) are a 4-byte name hash and the heap ID of the link message.</summary>
    private static IEnumerable<Hdf5Link> DenseLinks(Hdf5File file, ulong heapAddress, ulong nameIndex)
    {
        var heap = FractalHeap.Open(file, heapAddress);
        foreach (var record in V2BTree.Records(file, nameIndex, recordType: 5))
        {
            if (record.Length <= 4) throw file.Damaged("link name index has records without heap IDs");
            yield return Hdf5Link.Parse(file, heap.Read(record.AsSpan(4)));
        }
    }
}
