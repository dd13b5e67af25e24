using System.Buffers.Binary;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// Neighbour lists on disk: <c>.npy</c> int64 (nq, k), nearest first, -1 where fewer than k exist; distances as
/// <c>.npy</c> int32 (Hamming) or float32 (L2). Ground truth is also read and written as TEXMEX <c>.ivecs</c>.
/// </summary>
public static class NeighbourFile
{
    /// <summary>Extensions <see cref="WriteIds"/> and <see cref="ReadGroundTruth"/> accept.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".npy", ".ivecs"];

    /// <summary>
    /// Writes <paramref name="nq"/> × <paramref name="k"/> ids (row-major, <c>ids.Length == nq * k</c>):
    /// as int64 <c>.npy</c>, or as <c>.ivecs</c> (int32 rows of k) when the path ends in <c>.ivecs</c>.
    /// </summary>
    public static void WriteIds(string path, long[] ids, int nq, int k)
    {
        ArgumentNullException.ThrowIfNull(ids);
        CheckShape(ids.Length, nq, k, nameof(ids));
        switch (ExtensionOf(path))
        {
            case ".npy":
                NpyFile.Write<long>(path, ids, nq, k);
                break;
            default:
                AtomicFile.Write(path, stream => WriteIvecs(stream, ids, nq, k));
                break;
        }
    }

    /// <summary>Writes Hamming distances as an int32 <c>.npy</c> of shape (nq, k).</summary>
    public static void WriteDistances(string path, int[] distances, int nq, int k)
    {
        ArgumentNullException.ThrowIfNull(distances);
        CheckShape(distances.Length, nq, k, nameof(distances));
        NpyFile.Write<int>(path, distances, nq, k);
    }

    /// <summary>Writes L2 distances as a float32 <c>.npy</c> of shape (nq, k).</summary>
    public static void WriteDistances(string path, float[] distances, int nq, int k)
    {
        ArgumentNullException.ThrowIfNull(distances);
        CheckShape(distances.Length, nq, k, nameof(distances));
        NpyFile.Write<float>(path, distances, nq, k);
    }

    /// <summary>
    /// Reads ground truth (<c>.ivecs</c>, or <c>.npy</c> int32/int64 of shape (nq, k)): one list per query,
    /// nearest first, -1 entries dropped, cut to the first <paramref name="k"/> entries when given.
    /// </summary>
    public static int[][] ReadGroundTruth(string path, int? k = null)
    {
        if (k is { } limit) ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(k));
        var (ids, rows, cols) = ExtensionOf(path) == ".npy" ? ReadNpyIds(path) : ReadIvecs(path);
        int keep = Math.Min(cols, k ?? cols);
        var lists = new int[rows][];
        for (int q = 0; q < rows; q++)
        {
            var row = ids.AsSpan(q * cols, keep);
            for (int j = 0; j < row.Length; j++)
                if (row[j] < -1) throw UserInputException.ForFile(path, $"row {q} has negative id {row[j]}");
            lists[q] = row.ToArray().Where(id => id != -1).ToArray();
        }
        return lists;
    }

    private static (int[] Ids, int Rows, int Cols) ReadNpyIds(string path)
    {
        var array = NpyFile.Read(path);
        if (array.DType is not ("<i4" or "<i8"))
            throw UserInputException.ForFile(path, $"neighbour ids must have dtype int32 or int64, found '{array.DType}'");
        if (array.Shape.Length != 2)
            throw UserInputException.ForFile(path, $"neighbour ids must be a 2-D array (nq, k), found shape {NpyHeader.FormatShape(array.Shape)}");
        return (array.ToInt32(), array.Shape[0], array.Shape[1]);
    }

    private static (int[] Ids, int Rows, int Cols) ReadIvecs(string path)
    {
        using var stream = NpyFile.OpenRead(path);
        var (rows, dim) = TexmexLayout.Measure(stream.SafeFileHandle, path, sizeof(int));
        var ids = new int[(long)rows * dim];
        var row = new byte[4 + dim * 4];
        for (int r = 0; r < rows; r++)
        {
            stream.ReadExactly(row);
            int d = BinaryPrimitives.ReadInt32LittleEndian(row);
            if (d != dim) throw TexmexLayout.DimensionMismatch(path, r, d, dim);
            for (int j = 0; j < dim; j++) ids[(long)r * dim + j] = BinaryPrimitives.ReadInt32LittleEndian(row.AsSpan(4 + j * 4));
        }
        return (ids, rows, dim);
    }

    private static void WriteIvecs(Stream stream, long[] ids, int nq, int k)
    {
        var row = new byte[4 + k * 4];
        BinaryPrimitives.WriteInt32LittleEndian(row, k);
        for (int q = 0; q < nq; q++)
        {
            for (int j = 0; j < k; j++)
                BinaryPrimitives.WriteInt32LittleEndian(row.AsSpan(4 + j * 4), checked((int)ids[(long)q * k + j]));
            stream.Write(row);
        }
    }

    private static string ExtensionOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(ext))
            throw UserInputException.ForFile(path, $"unknown neighbour file extension '{ext}' (known: {string.Join(", ", Extensions)})");
        return ext;
    }

    private static void CheckShape(int length, int nq, int k, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nq);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (length != (long)nq * k) throw new ArgumentException($"{name} has {length} values, expected {nq} x {k}", name);
    }
}
