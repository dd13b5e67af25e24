namespace Sigah.IO.Hdf5;

/// <summary>
/// A version 1 B-tree (signature <c>TREE</c>): type 0 indexes a group's symbol table nodes, type 1 a dataset's
/// chunks. <see cref="Leaves"/> returns every leaf entry (its left key and child address) in key order. Each node
/// is visited once and children must sit exactly one level below their parent, so a damaged tree cannot loop.
/// </summary>
internal static class V1BTree
{
    private static ReadOnlySpan<byte> Signature => "TREE"u8;

    /// <summary>The leaf entries of the tree at <paramref name="address"/>, whose keys are <paramref name="keySize"/> bytes.</summary>
    public static List<(byte[] Key, ulong Child)> Leaves(Hdf5File file, ulong address, int nodeType, int keySize)
    {
        var leaves = new List<(byte[], ulong)>();
        var visited = new HashSet<ulong>();
        var stack = new Stack<(ulong Address, int ExpectedLevel)>();
        stack.Push((address, -1));
        int offsetSize = file.Superblock.OffsetSize;
        while (stack.TryPop(out var node))
        {
            string what = $"B-tree node at {node.Address}";
            if (!visited.Add(node.Address)) throw file.Damaged($"{what} is reached twice");
            int headerBytes = 8 + 2 * offsetSize;
            var header = file.ReadMetadata(node.Address, headerBytes, what);
            var cursor = new Hdf5Cursor(header, file, what);
            if (!cursor.Bytes(4).SequenceEqual(Signature)) throw file.Damaged($"{what} lacks its signature");
            int type = cursor.U8();
            int level = cursor.U8();
            int entries = cursor.U16();
            if (type != nodeType) throw file.Damaged($"{what} has type {type}, expected {nodeType}");
            if (node.ExpectedLevel >= 0 && level != node.ExpectedLevel) throw file.Damaged($"{what} has level {level}, expected {node.ExpectedLevel}");
            long bodyBytes = (long)entries * (keySize + offsetSize) + keySize;
            var body = file.ReadMetadata(node.Address + (ulong)headerBytes, bodyBytes, what);
            var entryCursor = new Hdf5Cursor(body, file, what);
            var children = new List<(byte[], ulong)>(entries);
            for (int i = 0; i < entries; i++)
            {
                byte[] key = entryCursor.Bytes(keySize).ToArray();
                children.Add((key, entryCursor.Address()));
            }
            if (level == 0)
            {
                leaves.AddRange(children);
                continue;
            }
            // Pushed in reverse so the leaves come out in key order.
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i].Item2, level - 1));
        }
        return leaves;
    }
}
