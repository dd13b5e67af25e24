using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.IO;
using Sigah.IO.Data;
using Sigah.IO.Mat;
using Sigah.Index;

namespace Sigah.Fuzz;

/// <summary>Every parser of a file a user can hand to Sigah, as a fuzz target.</summary>
internal static class FuzzTargets
{
    /// <summary>Decompressed bytes beyond this count are not entitled to more allocation (a gzip bomb is rejected).</summary>
    private const long MaxEntitledDecompressed = 256L << 20;

    /// <summary>Variables of a MAT-file the <c>mat</c> target reads one by one.</summary>
    private const int MaxMatVariables = 8;

    public static readonly FuzzTarget[] All =
    [
        new("npy", [".npy"], ReadNpy),
        new("texmex", [".fvecs", ".ivecs", ".bvecs"], ReadVectors),
        new("bigann", [".fbin", ".u8bin", ".ibin"], ReadVectors),
        new("idx", ["-idx3-ubyte", "-idx3-ubyte.gz"], ReadVectors, IdxEntitledBytes),
        new("hdf5", [".hdf5"], ReadHdf5, Repair: Hdf5ChecksumRepair.Repair),
        new("mat", [".mat"], ReadMat, MatEntitlement.Bytes),
        new("codes", [".npy"], path => CodesFile.Read(path)),
        new("gt", [".ivecs", ".npy"], path => NeighbourFile.ReadGroundTruth(path)),
        new("model", [".model"], ReadModel, Repair: RepairModelChecksum),
        new("index", [".index"], ReadIndex, Repair: RepairIndexChecksum),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})");

    /// <summary>Reads a .npy file both ways Sigah does: as a typed array (with conversions) and as vectors.</summary>
    private static void ReadNpy(string path)
    {
        try
        {
            var array = NpyFile.Read(path);
            array.ToFloat32();
            if (array.DType is "<i4" or "<i8" or "|u1") array.ToInt32();
        }
        catch (UserInputException)
        {
            // Rejected as an array; it must be rejected (or read) cleanly as vectors too.
        }
        VectorFile.Read(path);
    }

    /// <summary>Reads an HDF5 file's <c>train</c> vectors, then loads it as an ann-benchmarks dataset (train, test, neighbors).</summary>
    private static void ReadHdf5(string path)
    {
        try
        {
            VectorFile.Read(path + ":train");
        }
        catch (UserInputException)
        {
            // Rejected as vectors; loading it as a dataset must reject it (or read it) cleanly too.
        }
        Datasets.Load(path);
    }

    /// <summary>
    /// Reads a MAT-file's only matrix, then every variable it lists (the first <see cref="MaxMatVariables"/>) as vectors
    /// and as labels, the ways <c>train</c>, <c>gt</c> and <c>eval</c> read them.
    /// </summary>
    private static void ReadMat(string path)
    {
        try
        {
            VectorFile.Read(path);
        }
        catch (UserInputException)
        {
            // No single matrix; the variables it lists must still be read, or rejected, cleanly.
        }
        foreach (string name in MatFile.VariableNames(path).Take(MaxMatVariables))
        {
            foreach (var read in new Action[] { () => VectorFile.Read($"{path}:{name}"), () => LabelFile.Read($"{path}:{name}") })
            {
                try
                {
                    read();
                }
                catch (UserInputException)
                {
                    // A variable that is not a matrix (or not labels) is rejected with one line; the next is read.
                }
            }
        }
    }

    /// <summary>Reads every row as vectors, raw and scaled, the way <c>train</c> and <c>encode</c> do.</summary>
    private static void ReadVectors(string path)
    {
        VectorFile.Read(path);
        VectorFile.Read(path, new VectorReadOptions { Scale = 1f / 255, MaxRows = 3 });
    }

    /// <summary>Loads a model and encodes two vectors with it, as <c>encode</c> would.</summary>
    private static void ReadModel(string path)
    {
        var model = ModelFile.Load(path);
        if (model.Dimension <= 1 << 16) model.EncodeAll(new FloatMatrix(2, model.Dimension, Enumerable.Repeat(0.5f, 2 * model.Dimension).ToArray()));
    }

    /// <summary>Opens an index and searches it every way <c>search</c> can, with queries of its width.</summary>
    private static void ReadIndex(string path)
    {
        using var index = HammingIndex.Open(path);
        var queries = new PackedCodes(3, index.Bits);
        for (int i = 0; i < queries.Data.Length; i++) queries.Data[i] = (byte)(i * 89 + 7);
        index.Search(queries, 4, new SearchOptions(SearchMethod.Linear, 1));
        index.RangeSearch(queries, 2, new SearchOptions(SearchMethod.Linear, 1));
        if (index.Tables is null) return;
        index.Search(queries, 4, new SearchOptions(SearchMethod.Mih, 1));
        index.RangeSearch(queries, 2, new SearchOptions(SearchMethod.Mih, 1));
    }

    /// <summary>A model file ends in the SHA-256 of everything before it.</summary>
    private static void RepairModelChecksum(byte[] content)
    {
        if (content.Length < 32) return;
        SHA256.HashData(content.AsSpan(0, content.Length - 32)).CopyTo(content.AsSpan(content.Length - 32));
    }

    /// <summary>An index file ends in the checksum (<see cref="IndexFile.Checksum"/>, little-endian) of everything before it.</summary>
    private static void RepairIndexChecksum(byte[] content)
    {
        if (content.Length < 8) return;
        BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(content.Length - 8), IndexFile.Checksum(content.AsSpan(0, content.Length - 8)));
    }

    /// <summary>A compressed IDX file stands for its decompressed bytes (up to <see cref="MaxEntitledDecompressed"/>).</summary>
    private static long IdxEntitledBytes(byte[] content, string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return content.Length;
        long total = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            for (int read; total < MaxEntitledDecompressed && (read = gzip.Read(buffer)) > 0;) total += read;
        }
        catch (InvalidDataException)
        {
            // The parser must reject it; what decompressed before the damage is all it may rely on.
        }
        return Math.Max(total, content.Length);
    }
}
