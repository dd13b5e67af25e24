using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Cli.Tests.Catalogue;

/// <summary>
/// A directory of good and bad inputs for <see cref="BadInputCatalogueTests"/>: valid vectors, a model, codes,
/// an index and ground truth made by the real CLI, and one damaged file for every kind of bad input. Built once
/// per test run; commands run with this directory as their working directory, so rows name files by name.
/// </summary>
public sealed class CatalogueFiles : IDisposable
{
    public const int Dimension = 16, BaseRows = 200, QueryRows = 10, Bits = 64;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sigah-catalogue-").FullName;

    public CatalogueFiles()
    {
        var random = new Random(8);
        VectorFile.Write(Path("base.fvecs"), RandomMatrix(random, BaseRows, Dimension));
        VectorFile.Write(Path("queries.fvecs"), RandomMatrix(random, QueryRows, Dimension));
        Cli("train", "--method", "lsh", "--bits", $"{Bits}", "--input", "base.fvecs", "--seed", "1", "--model", "lsh.model");
        Cli("encode", "--model", "lsh.model", "--input", "base.fvecs", "--output", "base.codes.npy");
        Cli("encode", "--model", "lsh.model", "--input", "queries.fvecs", "--output", "queries.codes.npy");
        Cli("index", "build", "--codes", "base.codes.npy", "--mih", "--output", "base.index");
        Cli("gt", "--base", "base.fvecs", "--queries", "queries.fvecs", "-k", "10", "--output", "gt.ivecs");
        WriteBadVectors(random);
        WriteBadCodesAndNeighbours(random);
        WriteBadModels();
        WriteBadIndexes();
        System.IO.Directory.CreateDirectory(Path("out.npy"));
    }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void WriteBadVectors(Random random)
    {
        byte[] good = File.ReadAllBytes(Path("base.fvecs"));
        int rowBytes = 4 + 4 * Dimension;
        File.WriteAllBytes(Path("truncated.fvecs"), good[..(2 * rowBytes + 10)]);
        var changed = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(changed.AsSpan(5 * rowBytes), Dimension - 1);
        File.WriteAllBytes(Path("dimchange.fvecs"), changed[..(5 * rowBytes + 4 + 4 * (Dimension - 1))]);
        File.WriteAllBytes(Path("negdim.fvecs"), [.. Le(-16), .. new byte[64]]);
        File.WriteAllBytes(Path("zerodim.fbin"), Le(5, 0));
        File.WriteAllBytes(Path("huge.fbin"), [.. Le(int.MaxValue, Dimension), .. good[4..rowBytes]]);
        File.WriteAllBytes(Path("empty.fvecs"), []);
        var nan = RandomMatrix(random, 6, Dimension);
        nan.Row(3)[7] = float.NaN;
        File.WriteAllBytes(Path("nan.fvecs"), TexmexBytes(nan));
        var inf = RandomMatrix(random, QueryRows, Dimension);
        inf.Row(4)[0] = float.PositiveInfinity;
        File.WriteAllBytes(Path("inf.fvecs"), TexmexBytes(inf));
        NpyFile.Write<float>(Path("other-dim.npy"), RandomMatrix(random, 4, Dimension + 1).Data, 4, Dimension + 1);
        File.WriteAllBytes(Path("fortran.npy"), NpyBytes("<f4", "True", "(4, 16)", 4 * 4 * Dimension));
        File.WriteAllBytes(Path("float16.npy"), NpyBytes("<f2", "False", "(4, 16)", 2 * 4 * Dimension));
        File.WriteAllBytes(Path("short-header.npy"), NpyBytes("<f4", "False", "(4, 16)", 0)[..20]);
        VectorFile.Write(Path("ann.hdf5") + ":train", RandomMatrix(random, 8, Dimension));
        File.WriteAllBytes(Path("bad-idx3-ubyte"), [0x00, 0x01, 0x08, 0x03, .. Be(2, 4, 4), .. new byte[32]]);
        File.WriteAllBytes(Path("notgzip-idx3-ubyte.gz"), [1, 2, 3, 4, 5, 6, 7, 8]);
        using (var gz = new GZipStream(File.Create(Path("short-idx3-ubyte.gz")), CompressionLevel.Fastest))
            gz.Write([0, 0, 8, 3, .. Be(int.MaxValue, 28, 28), .. new byte[100]]);
        File.WriteAllText(Path("vectors.txt"), "1 2 3\n");
    }

    private void WriteBadCodesAndNeighbours(Random random)
    {
        CodesFile.Write(Path("q32.codes.npy"), RandomCodes(random, QueryRows, 32));
        CodesFile.Write(Path("small.codes.npy"), RandomCodes(random, 5, Bits));
        CodesFile.Write(Path("empty.codes.npy"), new PackedCodes(0, Bits));
        NpyFile.Write<float>(Path("float.codes.npy"), new float[QueryRows * 8], QueryRows, 8);
        NpyFile.Write<byte>(Path("flat.codes.npy"), new byte[QueryRows * 8], QueryRows * 8);
        NpyFile.Write<float>(Path("float-gt.npy"), new float[QueryRows * 10], QueryRows, 10);
        var ids = new long[QueryRows * 10];
        for (int i = 0; i < ids.Length; i++) ids[i] = i % BaseRows;
        ids[37] = BaseRows + 5;
        NeighbourFile.WriteIds(Path("outofrange-gt.npy"), ids, QueryRows, 10);
        NeighbourFile.WriteIds(Path("fewrows-gt.npy"), ids[..30], 3, 10);
        NpyFile.Write<long>(Path("some-ids.npy"), [1, 2, 3], 3);
    }

    private void WriteBadModels()
    {
        byte[] model = File.ReadAllBytes(Path("lsh.model"));
        var flipped = (byte[])model.Clone();
        flipped[model.Length / 2] ^= 0x10;
        File.WriteAllBytes(Path("flipped.model"), flipped);
        var future = (byte[])model.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(future.AsSpan(8), 2);
        SHA256.HashData(future.AsSpan(0, future.Length - 32)).CopyTo(future.AsSpan(future.Length - 32));
        File.WriteAllBytes(Path("v2.model"), future);
        File.WriteAllBytes(Path("truncated.model"), model[..(model.Length / 3)]);
        File.WriteAllBytes(Path("notamodel.model"), "SIGAHIDX and then some bytes that are not a model at all"u8.ToArray());
    }

    private void WriteBadIndexes()
    {
        byte[] index = File.ReadAllBytes(Path("base.index"));
        var flipped = (byte[])index.Clone();
        flipped[32 + 8 * BaseRows + 3] ^= 0x01;
        File.WriteAllBytes(Path("flipped.index"), flipped);
        File.WriteAllBytes(Path("truncated.index"), index[..^100]);
        var future = (byte[])index.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(future.AsSpan(8), 7);
        File.WriteAllBytes(Path("v7.index"), future);
    }

    private void Cli(params string[] args)
    {
        var result = CliHarness.RunIn(Directory, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"catalogue setup: sigah {string.Join(' ', args)} failed: {result.StdErr}");
    }

    private static FloatMatrix RandomMatrix(Random random, int rows, int cols)
    {
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (float)(random.NextDouble() * 2 - 1);
        return m;
    }

    private static PackedCodes RandomCodes(Random random, int count, int bits)
    {
        var codes = new PackedCodes(count, bits);
        random.NextBytes(codes.Data);
        return codes;
    }

    /// <summary>.fvecs bytes written by hand, since Sigah's writer refuses non-finite values.</summary>
    private static byte[] TexmexBytes(FloatMatrix m)
    {
        var bytes = new List<byte>();
        for (int r = 0; r < m.Rows; r++)
        {
            bytes.AddRange(Le(m.Cols));
            foreach (float v in m.Row(r)) bytes.AddRange(BitConverter.GetBytes(v));
        }
        return bytes.ToArray();
    }

    /// <summary>A .npy file with any header fields, written by hand (Sigah only writes what it supports).</summary>
    private static byte[] NpyBytes(string dtype, string fortran, string shape, int dataBytes)
    {
        string dict = $"{{'descr': '{dtype}', 'fortran_order': {fortran}, 'shape': {shape}, }}";
        string padded = dict.PadRight(64 * ((10 + dict.Length + 1 + 63) / 64) - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)padded.Length), .. System.Text.Encoding.ASCII.GetBytes(padded), .. new byte[dataBytes]];
    }

    private static byte[] Le(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Be(params int[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
