namespace Sigah.IO.Hdf5;

/// <summary>
/// The dataspace message (type 0x01, versions 1 and 2): a dataset's dimensions (a scalar has none) and maximum
/// dimensions (<see cref="Hdf5Superblock.UndefinedAddress"/> for unlimited; equal to the dimensions when absent).
/// </summary>
internal static class Hdf5Dataspace
{
    /// <summary>HDF5's limit on the rank of a dataspace.</summary>
    private const int MaxRank = 32;

    public static (ulong[] Dims, ulong[] MaxDims) Read(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "dataspace message");
        int version = cursor.U8();
        int rank = cursor.U8();
        bool hasMax = (cursor.U8() & 0x01) != 0; // permutations (bit 1) were never implemented by HDF5
        if (version == 1)
        {
            cursor.Skip(5);
        }
        else if (version == 2)
        {
            int type = cursor.U8();
            if (type == 2) return ([], []); // null dataspace: no elements
            if (type > 2) throw file.Damaged($"dataspace has type {type}");
        }
        else
        {
            throw file.Damaged($"dataspace message has version {version}");
        }
        if (rank > MaxRank) throw file.Damaged($"dataspace has rank {rank}");
        var dims = new ulong[rank];
        for (int i = 0; i < rank; i++) dims[i] = cursor.Length();
        if (!hasMax) return (dims, dims);
        var max = new ulong[rank];
        for (int i = 0; i < rank; i++)
        {
            ulong m = cursor.Length();
            max[i] = m == Hdf5Superblock.AllOnes(file.Superblock.LengthSize) ? Hdf5Superblock.UndefinedAddress : m;
            if (max[i] < dims[i]) throw file.Damaged($"dataspace dimension {i} has size {dims[i]} above its maximum {m}");
        }
        return (dims, max);
    }
}
