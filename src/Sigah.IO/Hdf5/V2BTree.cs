using System.Numerics;

namespace Sigah.IO.Hdf5;

/// <summary>
/// A version 2 B-tree (header <c>BTHD</c>, internal nodes <c>BTIN</c>, leaves <c>BTLF</c>, all checksummed): libver
/// 'latest' indexes a dense group's link names (record type 5) and the chunks of datasets resizable in several
/// dimensions (types 10 and 11) with it. <see cref="Records"/> returns every record in order; each node is read once
/// and children must sit one level below their parent, so a damaged tree cannot loop.
/// </summary>
internal static class V2BTree
{
    private static ReadOnlySpan<byte> HeaderSignature => "BTHD"u8;
    private static ReadOnlySpan<byte> InternalSignature => "BTIN"u8;
    private static ReadOnlySpan<byte> LeafSignature => "BTLF"u8;

    /// <summary>Signature, version, type and checksum: the bytes of a node that are not records or child pointers.</summary>
    private const int NodeOverhead = 4 + 1 + 1 + 4;

    /// <summary>The records (each <c>recordSize</c> bytes, as the header says) of the tree at <paramref name="address"/>.</summary>
    public static List<byte[]> Records(Hdf5File file, ulong address, int recordType)
    {
        int offsetSize = file.Superblock.OffsetSize;
        string what = $"v2 B-tree header at {address}";
        var header = file.ReadMetadata(address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + offsetSize + 2 + file.Superblock.LengthSize + 4, what);
        if (!header.AsSpan().StartsWith(HeaderSignature)) throw file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(header)) throw file.Damaged($"{what} fails its checksum");
        var cursor = new Hdf5Cursor(header, file, what);
        cursor.Skip(5);
        int type = cursor.U8();
        uint nodeSize = cursor.U32();
        int recordSize = cursor.U16();
        int depth = cursor.U16();
        cursor.Skip(2); // split and merge percentages
        ulong root = cursor.Address();
        int rootRecords = cursor.U16();
        if (type != recordType) throw file.Damaged($"{what} has record type {type}, expected {recordType}");
        if (recordSize == 0 || nodeSize <= NodeOverhead || nodeSize > file.Length || nodeSize > int.MaxValue || depth > 64)
            throw file.Damaged($"{what} has {nodeSize}-byte nodes of {recordSize}-byte records at depth {depth}");
        var records = new List<byte[]>();
        if (root == Hdf5Superblock.UndefinedAddress || rootRecords == 0) return records;
        var sizes = new FieldSizes((int)nodeSize, recordSize, depth, offsetSize);
        var visited = new HashSet<ulong>();
        ReadNode(file, root, depth, rootRecords, recordSize, sizes, visited, records);
        return records;
    }

    private static void ReadNode(Hdf5File file, ulong address, int depth, int count, int recordSize, FieldSizes sizes, HashSet<ulong> visited, List<byte[]> records)
    {
        string what = $"v2 B-tree node at {address}";
        if (!visited.Add(address)) throw file.Damaged($"{what} is reached twice");
        int pointerBytes = depth == 0 ? 0 : sizes.PointerBytes(depth);
        long length = 6 + (long)count * recordSize + (depth == 0 ? 0 : (long)(count + 1) * pointerBytes) + 4;
        var node = file.ReadMetadata(address, length, what);
        if (!node.AsSpan().StartsWith(depth == 0 ? LeafSignature : InternalSignature)) throw file.Damaged($"{what} lacks its signature");
        if (!Lookup3Checksum.Verify(node)) throw file.Damaged($"{what} fails its checksum");
        var cursor = new Hdf5Cursor(node, file, what);
        cursor.Skip(6);
        var own = new byte[count][];
        for (int i = 0; i < count; i++) own[i] = cursor.Bytes(recordSize).ToArray();
        if (depth == 0)
        {
            records.AddRange(own);
            return;
        }
        var children = new (ulong Address, int Count)[count + 1];
        for (int i = 0; i <= count; i++)
        {
            ulong child = cursor.Address();
            ulong childCount = cursor.UInt(sizes.RecordCountBytes);
            if (depth > 1) cursor.Skip(sizes.TotalCountBytes(depth - 1));
            if (childCount > (ulong)file.Length) throw file.Damaged($"{what} has a child of {childCount} records");
            children[i] = (child, (int)childCount);
        }
        // Records of an internal node fall between its children's: child 0, record 0, child 1, ...
        for (int i = 0; i <= count; i++)
        {
            ReadNode(file, children[i].Address, depth - 1, children[i].Count, recordSize, sizes, visited, records);
            if (i < count) records.Add(own[i]);
        }
    }

    /// <summary>
    /// The sizes of the count fields of child pointers, which the format derives from the node size: the number of
    /// records a node holds takes as many bytes as the most a leaf can hold needs; the total records below a child
    /// take as many bytes as the most a subtree of that depth can hold needs.
    /// </summary>
    private sealed class FieldSizes
    {
        private readonly int _offsetSize;
        private readonly int[] _totalCountBytes;

        public FieldSizes(int nodeSize, int recordSize, int depth, int offsetSize)
        {
            _offsetSize = offsetSize;
            ulong leafMax = (ulong)((nodeSize - NodeOverhead) / recordSize);
            RecordCountBytes = BytesFor(leafMax);
            _totalCountBytes = new int[depth + 1];
            ulong cumulative = leafMax;
            for (int d = 1; d <= depth; d++)
            {
                int pointer = PointerBytes(d);
                ulong nodeMax = (ulong)Math.Max(0, (nodeSize - NodeOverhead - pointer) / (recordSize + pointer));
                UInt128 next = (UInt128)(nodeMax + 1) * cumulative + nodeMax;
                cumulative = next > ulong.MaxValue ? ulong.MaxValue : (ulong)next;
                _totalCountBytes[d] = BytesFor(cumulative);
            }
        }

        /// <summary>Bytes of a child's record count.</summary>
        public int RecordCountBytes { get; }

        /// <summary>Bytes of the total record count below a child at <paramref name="depth"/>.</summary>
        public int TotalCountBytes(int depth) => _totalCountBytes[depth];

        /// <summary>Bytes of one child pointer in a node at <paramref name="depth"/> (1 or more).</summary>
        public int PointerBytes(int depth) => _offsetSize + RecordCountBytes + (depth > 1 ? _totalCountBytes[depth - 1] : 0);

        private static int BytesFor(ulong max) => max == 0 ? 1 : BitOperations.Log2(max) / 8 + 1;
    }
}
