namespace Sigah.IO.Hdf5;

/// <summary>
/// An object header (version 1, or version 2 with signature <c>OHDR</c>) with its continuation blocks: the
/// messages that describe a group or a dataset. Each block is read once (a continuation pointing back at a
/// block already read is a damaged file), and v2 blocks must pass their checksums.
/// </summary>
internal sealed class Hdf5ObjectHeader
{
    private static ReadOnlySpan<byte> HeaderSignature => "OHDR"u8;
    private static ReadOnlySpan<byte> ContinuationSignature => "OCHK"u8;

    /// <summary>Fixed part of a version 1 header: version, reserved, message count, reference count, size, padding.</summary>
    private const int V1PrefixBytes = 16;

    /// <summary>A v2 prefix is at most: signature, version, flags, four times, two attribute limits, 8-byte size.</summary>
    private const int V2MaxPrefixBytes = 4 + 1 + 1 + 16 + 4 + 8;

    private Hdf5ObjectHeader(List<Hdf5Message> messages) => Messages = messages;

    public IReadOnlyList<Hdf5Message> Messages { get; }

    /// <summary>The first message of <paramref name="type"/>, or null.</summary>
    public Hdf5Message? Find(Hdf5MessageType type)
    {
        foreach (var m in Messages)
            if (m.Type == type) return m;
        return null;
    }

    public static Hdf5ObjectHeader Read(Hdf5File file, ulong address)
    {
        var messages = new List<Hdf5Message>();
        var visited = new HashSet<ulong> { address };
        var pending = new Queue<(ulong Address, ulong Length)>();
        var (version, creationOrder) = ReadFirstBlock(file, address, messages, pending);
        while (pending.TryDequeue(out var block))
        {
            if (!visited.Add(block.Address)) throw file.Damaged($"object header at {address} continues into itself");
            ReadContinuation(file, block.Address, block.Length, version, creationOrder, messages, pending);
        }
        return new Hdf5ObjectHeader(messages);
    }

    /// <summary>Reads the first block; returns the header version and whether message headers carry a creation order.</summary>
    private static (int Version, bool CreationOrder) ReadFirstBlock(Hdf5File file, ulong address, List<Hdf5Message> messages, Queue<(ulong, ulong)> pending)
    {
        string what = $"object header at {address}";
        long prefixLength = Math.Min(V2MaxPrefixBytes, file.Length - file.Position(address, 0, what));
        var prefix = file.ReadMetadata(address, prefixLength, what);
        if (prefix.AsSpan().StartsWith(HeaderSignature)) return ReadV2(file, address, prefix, messages, pending, what);
        var cursor = new Hdf5Cursor(prefix, file, what);
        int version = cursor.U8();
        if (version != 1) throw file.Damaged($"{what} has version {version}");
        cursor.Skip(1 + 2 + 4); // reserved, message count (the block's size bounds the messages instead), reference count
        uint size = cursor.U32();
        var block = file.ReadMetadata(address + V1PrefixBytes, size, what);
        ParseMessages(file, block, version: 1, creationOrder: false, messages, pending, what);
        return (1, false);
    }

    private static (int Version, bool CreationOrder) ReadV2(Hdf5File file, ulong address, byte[] prefix, List<Hdf5Message> messages, Queue<(ulong, ulong)> pending, string what)
    {
        var cursor = new Hdf5Cursor(prefix, file, what);
        cursor.Skip(HeaderSignature.Length);
        int version = cursor.U8();
        if (version != 2) throw file.Damaged($"{what} has version {version}");
        byte flags = cursor.U8();
        if ((flags & 0x20) != 0) cursor.Skip(16); // access, modification, change and birth times
        if ((flags & 0x10) != 0) cursor.Skip(4); // attribute storage phase change values
        ulong size = cursor.UInt(1 << (flags & 0x03));
        int messagesStart = cursor.Position;
        if (size > (ulong)file.Length) throw file.Damaged($"{what} claims {size} bytes");
        var block = file.ReadMetadata(address, messagesStart + (long)size + 4, what);
        if (!Lookup3Checksum.Verify(block)) throw file.Damaged($"{what} fails its checksum");
        bool creationOrder = (flags & 0x04) != 0;
        ParseMessages(file, block.AsSpan(messagesStart, (int)size), version, creationOrder, messages, pending, what);
        return (version, creationOrder);
    }

    private static void ReadContinuation(Hdf5File file, ulong address, ulong length, int version, bool creationOrder, List<Hdf5Message> messages, Queue<(ulong, ulong)> pending)
    {
        string what = $"object header continuation at {address}";
        if (length > (ulong)file.Length) throw file.Damaged($"{what} claims {length} bytes");
        var block = file.ReadMetadata(address, (long)length, what);
        if (version == 1)
        {
            ParseMessages(file, block, version, creationOrder, messages, pending, what);
            return;
        }
        if (block.Length < 8 || !block.AsSpan().StartsWith(ContinuationSignature)) throw file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(block)) throw file.Damaged($"{what} fails its checksum");
        ParseMessages(file, block.AsSpan(4, block.Length - 8), version, creationOrder, messages, pending, what);
    }

    /// <summary>Parses the messages of one block; continuation messages queue further blocks.</summary>
    private static void ParseMessages(Hdf5File file, ReadOnlySpan<byte> block, int version, bool creationOrder,
        List<Hdf5Message> messages, Queue<(ulong, ulong)> pending, string what)
    {
        var cursor = new Hdf5Cursor(block, file, what);
        int headerBytes = version == 1 ? 8 : 4 + (creationOrder ? 2 : 0);
        // What is left after the last message is padding (v1) or a gap smaller than a message header (v2).
        while (cursor.Remaining >= headerBytes)
        {
            int type = version == 1 ? cursor.U16() : cursor.U8();
            int size = cursor.U16();
            byte flags = cursor.U8();
            cursor.Skip(version == 1 ? 3 : creationOrder ? 2 : 0);
            var body = cursor.Bytes(size).ToArray();
            if (type == (int)Hdf5MessageType.Continuation)
            {
                var continuation = new Hdf5Cursor(body, file, $"continuation message of {what}");
                pending.Enqueue((continuation.Address(), continuation.Length()));
            }
            else if (type != 0)
            {
                messages.Add(new Hdf5Message((Hdf5MessageType)type, flags, body));
            }
        }
    }
}
