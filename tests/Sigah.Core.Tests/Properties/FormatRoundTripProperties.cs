using CsCheck;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Core.Tests.Properties;

/// <summary>Writing then reading returns the same values, for every vector format, codes and neighbour lists.</summary>
public sealed class FormatRoundTripProperties
{
    private static readonly string[] VectorExtensions = [".fvecs", ".ivecs", ".bvecs", ".fbin", ".u8bin", ".ibin", ".npy", ".hdf5"];

    [Fact]
    public void Writing_then_reading_any_vector_format_returns_the_same_array()
    {
        using var dir = new TempDirectory();
        var gen =
            from extension in Gen.OneOf(VectorExtensions)
            from rows in Gen.Int[0, 12]
            from cols in Gen.Int[1, 40]
            from seed in Gen.Int
            select (extension, rows, cols, seed);
        gen.Sample(c =>
        {
            var written = Values(c.extension, c.rows, c.cols, new Random(c.seed));
            string path = dir.File($"{Guid.NewGuid():N}{c.extension}");
            string spec = c.extension == ".hdf5" ? path + ":train" : path;
            VectorFile.Write(spec, written);
            var read = VectorFile.Read(spec);
            return read.Rows == c.rows && read.Cols == (c.rows == 0 && c.extension is ".fvecs" or ".ivecs" or ".bvecs" ? 0 : c.cols)
                && read.Data.AsSpan().SequenceEqual(written.Data);
        }, iter: 300);
    }

    [Fact]
    public void Writing_then_reading_codes_returns_the_same_codes()
    {
        using var dir = new TempDirectory();
        var gen = from bytes in Gen.Int[1, 128] from count in Gen.Int[0, 30] from seed in Gen.Int select (bytes, count, seed);
        gen.Sample(c =>
        {
            var codes = new PackedCodes(c.count, c.bytes * 8);
            new Random(c.seed).NextBytes(codes.Data);
            string path = dir.File($"{Guid.NewGuid():N}.npy");
            CodesFile.Write(path, codes);
            var read = CodesFile.Read(path);
            return read.Count == codes.Count && read.Bits == codes.Bits && read.Data.AsSpan().SequenceEqual(codes.Data);
        }, iter: 200);
    }

    [Fact]
    public void Writing_then_reading_neighbour_lists_returns_them_without_padding()
    {
        using var dir = new TempDirectory();
        var gen =
            from extension in Gen.OneOf(".npy", ".ivecs")
            from nq in Gen.Int[0, 10]
            from k in Gen.Int[1, 20]
            from seed in Gen.Int
            select (extension, nq, k, seed);
        gen.Sample(c =>
        {
            var random = new Random(c.seed);
            var ids = new long[c.nq * c.k];
            for (int q = 0; q < c.nq; q++)
            {
                int found = random.Next(c.k + 1);
                for (int j = 0; j < c.k; j++) ids[q * c.k + j] = j < found ? random.Next(1_000_000) : -1;
            }
            string path = dir.File($"{Guid.NewGuid():N}{c.extension}");
            NeighbourFile.WriteIds(path, ids, c.nq, c.k);
            var lists = NeighbourFile.ReadGroundTruth(path);
            return lists.Length == c.nq && Enumerable.Range(0, c.nq).All(q =>
                lists[q].Select(i => (long)i).SequenceEqual(ids.Skip(q * c.k).Take(c.k).Where(id => id != -1)));
        }, iter: 200);
    }

    [Fact]
    public void Packing_then_unpacking_bits_is_identity()
    {
        var gen = from bytes in Gen.Int[1, 64] from count in Gen.Int[1, 8] from seed in Gen.Int select (bytes, count, seed);
        gen.Sample(c =>
        {
            int bits = c.bytes * 8;
            var codes = new PackedCodes(c.count, bits);
            new Random(c.seed).NextBytes(codes.Data);
            var signs = new float[c.count * bits];
            for (int i = 0; i < c.count; i++) codes.Unpack(i, signs.AsSpan(i * bits, bits));
            var repacked = PackedCodes.FromSigns(signs, c.count, bits);
            bool bitsAgree = Enumerable.Range(0, c.count).All(i =>
                Enumerable.Range(0, bits).All(j => codes.GetBit(i, j) == signs[i * bits + j] > 0));
            return bitsAgree && repacked.Data.AsSpan().SequenceEqual(codes.Data);
        }, iter: 300);
    }

    /// <summary>Values every format can hold exactly: bytes for .bvecs/.u8bin, float-exact integers for .ivecs/.ibin, any finite float otherwise.</summary>
    private static FloatMatrix Values(string extension, int rows, int cols, Random random)
    {
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = extension switch
            {
                ".bvecs" or ".u8bin" => random.Next(256),
                ".ivecs" or ".ibin" => random.Next(-(1 << 24), (1 << 24) + 1),
                _ => AnyFiniteFloat(random),
            };
        }
        return m;
    }

    /// <summary>A float from random bits (subnormals, -0, extremes included), redrawn until finite.</summary>
    private static float AnyFiniteFloat(Random random)
    {
        float v;
        do v = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
        while (!float.IsFinite(v));
        return v;
    }
}
