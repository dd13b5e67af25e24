namespace Sigah.Core.IO.Hdf5;

/// <summary>
/// The links of a group, whichever way it stores them: a symbol table (h5py's default), or link messages in its
/// object header (libver='latest', up to 8 links). Dense storage (a fractal heap indexed by a v2 B-tree, used
/// by libver='latest' above 8 links) is reported as unsupported.
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
                if (DenseHeapAddress(file, message.Body) != Hdf5Superblock.UndefinedAddress)
                    throw file.Unsupported("dense link storage (a group of more than 8 links written with libver='latest')");
            }
            else if (message.Type == Hdf5MessageType.Link)
            {
                isGroup = true;
                links.Add(Hdf5Link.Parse(file, message.Body));
            }
        }
        return isGroup ? links : null;
    }

    /// <summary>The link info message (type 0x02): version, flags, [max creation index], fractal heap address, ...</summary>
    private static ulong DenseHeapAddress(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "link info message");
        int version = cursor.U8();
        if (version != 0) throw file.Damaged($"link info message has version {version}");
        if ((cursor.U8() & 0x01) != 0) cursor.Skip(8);
        return cursor.Address();
    }
}
