using System.Runtime.InteropServices;
using Sigah.Core;
using Sigah.IO;

namespace Sigah.IO.Data;

/// <summary>
/// big-ann ground truth (<c>*groundtruth*.ibin</c>): int32 nq, int32 k, then nq × k int32 ids, optionally followed by
/// nq × k float32 distances (the big-ann-benchmarks layout). Only the ids are read.
/// </summary>
internal static class BigAnnGroundTruth
{
    public static int[][] Read(string path)
    {
        using var stream = NpyFile.OpenRead(path);
        long length = stream.Length;
        if (length < 8) throw UserInputException.ForFile(path, "header is larger than the file");
        Span<int> header = stackalloc int[2];
        stream.ReadExactly(MemoryMarshal.AsBytes(header));
        int nq = header[0], k = header[1];
        if (nq < 0 || k < 0) throw UserInputException.ForFile(path, $"invalid header: {nq} rows of dimension {k}");
        // Either ids only, or ids then distances of the same shape.
        if (length - 8 != 2 * (Int128)nq * k * 4)
            RowLayoutCheck.Exact(path, length - 8, nq, (Int128)k * 4, $"header says {nq} rows of dimension {k}");
        var ids = new int[(long)nq * k];
        stream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan()));
        var lists = new int[nq][];
        for (int q = 0; q < nq; q++) lists[q] = ids.AsSpan(q * k, k).ToArray().Where(id => id != -1).ToArray();
        return lists;
    }
}
