using System.IO.Compression;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing;
using Sigah.Index;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Fuzz;

/// <summary>
/// Writes the seed corpus: small valid files of every format, made with Sigah's own writers, as fuzzer input
/// (<see cref="FuzzTarget.Encode"/>) in <c>DIR/TARGET/</c>. The fuzzer mutates these; they are kept small so
/// each execution is fast.
/// </summary>
internal static class SeedCorpus
{
    public static void Write(string directory)
    {
        string scratch = Directory.CreateTempSubdirectory("sigah-seeds-").FullName;
        try
        {
            var seeds = new SeedWriter(directory, scratch);
            WriteNpy(seeds);
            WriteVectors(seeds);
            WriteIdx(seeds);
            WriteCodes(seeds);
            WriteGroundTruth(seeds);
            WriteModels(seeds);
            WriteIndexes(seeds);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void WriteNpy(SeedWriter seeds)
    {
        seeds.Add("npy", "f4-3x5", ".npy", p => NpyFile.Write<float>(p, Ramp(15, 0.25f), 3, 5));
        seeds.Add("npy", "f8-2x3", ".npy", p => NpyFile.Write<double>(p, [1.5, -2, 3, 4, 5e-3, 6], 2, 3));
        seeds.Add("npy", "u1-4x7", ".npy", p => NpyFile.Write<byte>(p, Bytes(28), 4, 7));
        seeds.Add("npy", "i4-2x2", ".npy", p => NpyFile.Write<int>(p, [1, -2, 3, 4], 2, 2));
        seeds.Add("npy", "i8-3", ".npy", p => NpyFile.Write<long>(p, [7, -1, 1L << 30], 3));
        seeds.Add("npy", "f4-0x4", ".npy", p => NpyFile.Write<float>(p, [], 0, 4));
    }

    private static void WriteVectors(SeedWriter seeds)
    {
        var small = new FloatMatrix(3, 5, Ramp(15, 1));
        var one = new FloatMatrix(1, 1, [7]);
        foreach (var (target, extensions) in new[] { ("texmex", new[] { ".fvecs", ".ivecs", ".bvecs" }), ("bigann", [".fbin", ".u8bin", ".ibin"]) })
        {
            foreach (string ext in extensions)
            {
                seeds.Add(target, $"{ext[1..]}-3x5", ext, p => VectorFile.Write(p, small));
                seeds.Add(target, $"{ext[1..]}-1x1", ext, p => VectorFile.Write(p, one));
            }
        }
        seeds.Add("bigann", "fbin-0x4", ".fbin", p => VectorFile.Write(p, new FloatMatrix(0, 4)));
        seeds.Add("hdf5", "sigah-4x3", ".hdf5", p => VectorFile.Write(p + ":train", new FloatMatrix(4, 3, Ramp(12, 0.5f))));
    }

    /// <summary>IDX has no writer in Sigah: 3 images of 4 × 4 pixels, plain and gzip-compressed, built by hand.</summary>
    private static void WriteIdx(SeedWriter seeds)
    {
        byte[] header = [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 4];
        byte[] file = [.. header, .. Bytes(48)];
        seeds.Add("idx", "3x4x4", "-idx3-ubyte", p => File.WriteAllBytes(p, file));
        seeds.Add("idx", "3x4x4-gz", "-idx3-ubyte.gz", p =>
        {
            using var gzip = new GZipStream(File.Create(p), CompressionLevel.Optimal);
            gzip.Write(file);
        });
        seeds.Add("idx", "labels-5", "-idx3-ubyte", p => File.WriteAllBytes(p, [0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 9]));
    }

    private static void WriteCodes(SeedWriter seeds)
    {
        seeds.Add("codes", "64bit-5", ".npy", p => CodesFile.Write(p, new PackedCodes(5, 64, Bytes(40))));
        seeds.Add("codes", "128bit-3", ".npy", p => CodesFile.Write(p, new PackedCodes(3, 128, Bytes(48))));
        seeds.Add("codes", "8bit-0", ".npy", p => CodesFile.Write(p, new PackedCodes(0, 8)));
    }

    private static void WriteGroundTruth(SeedWriter seeds)
    {
        long[] ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, -1, -1];
        seeds.Add("gt", "ivecs-3x4", ".ivecs", p => NeighbourFile.WriteIds(p, ids.Select(i => i < 0 ? 0L : i).ToArray(), 3, 4));
        seeds.Add("gt", "npy-i8-3x4", ".npy", p => NeighbourFile.WriteIds(p, ids, 3, 4));
        seeds.Add("gt", "npy-i4-2x2", ".npy", p => NpyFile.Write<int>(p, [0, 1, 1, -1], 2, 2));
    }

    /// <summary>
    /// Settings that keep a method's model small and trainable on the 40 seed rows (anchor graph hashing's
    /// default of 300 anchors needs 300 rows).
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> SmallModelSettings = new()
    {
        ["agh"] = new() { ["anchors"] = "16" },
    };

    /// <summary>One small model of every registered method, fitted on a fixed 40 × 10 training set.</summary>
    private static void WriteModels(SeedWriter seeds)
    {
        var random = new Random(5);
        var train = new FloatMatrix(40, 10, Enumerable.Range(0, 400).Select(_ => (float)random.NextDouble()).ToArray());
        foreach (var info in HasherRegistry.All)
        {
            var model = info.Create(8, SmallModelSettings.GetValueOrDefault(info.Method)).Fit(train, new TrainingContext { Seed = 1 });
            seeds.Add("model", info.Method, ".model", p => ModelFile.Save(model, p));
        }
    }

    /// <summary>
    /// Index files without tables (with and without user ids, and empty), and with multi-index tables of several
    /// shapes, each under 2 KB: substrings of equal and unequal lengths, codes shorter and longer than the 8-byte
    /// key load, prefix directories from 2 entries (p = 0, what the size policy picks for so few codes) to one
    /// entry per key, directory ranges short enough to be taken whole and long enough to be binary-searched,
    /// and a code count that is a power of two (every posting value names a code) or not (postings past the last
    /// code must be caught at open). Codes are clustered so buckets hold several postings.
    /// </summary>
    private static void WriteIndexes(SeedWriter seeds)
    {
        var plain = HammingIndex.FromCodes(new PackedCodes(6, 64, Bytes(48)));
        var withIds = new HammingIndex(16);
        withIds.Add(new PackedCodes(3, 16, Bytes(6)), [40, 7, 1000]);
        seeds.Add("index", "64bit-6", ".index", p => plain.Save(p));
        seeds.Add("index", "16bit-ids", ".index", p => withIds.Save(p));
        seeds.Add("index", "empty", ".index", p => new HammingIndex(32).Save(p));
        AddWithTables(seeds, "64bit-12-mih-default", 64, 12, null);
        AddWithTables(seeds, "16bit-30-mih4-p4", 16, 30, (4, 4));   // 4-bit keys, a directory entry per key
        AddWithTables(seeds, "24bit-40-mih5-p3", 24, 40, (5, 3));   // keys of 5, 5, 5, 5 and 4 bits, codes of 3 bytes
        AddWithTables(seeds, "32bit-64-mih4-p5", 32, 64, (4, 5));   // 64 codes: 6-bit postings all name a code
        AddWithTables(seeds, "64bit-48-mih4-p2", 64, 48, (4, 2));   // ranges of about 12 postings, binary-searched
        AddWithTables(seeds, "72bit-24-mih3-p3", 72, 24, (3, 3));   // 9-byte codes: keys loaded from the last 8 bytes
    }

    /// <summary>
    /// An index of <paramref name="count"/> clustered codes with tables of <paramref name="shape"/> (substrings,
    /// prefix bits), or of the default shape when null.
    /// </summary>
    private static void AddWithTables(SeedWriter seeds, string name, int bits, int count, (int Substrings, int PrefixBits)? shape)
    {
        var index = HammingIndex.FromCodes(Clustered(count, bits, seed: count + bits));
        if (shape is { } s) index.BuildMihTables(new MihTableShape(new SubstringLayout(bits, s.Substrings), count, s.PrefixBits));
        else index.BuildMihTables();
        seeds.Add("index", name, ".index", p => index.Save(p));
    }

    /// <summary>
    /// <paramref name="count"/> codes of <paramref name="bits"/> bits near 4 random centres (0–2 bits flipped), so
    /// substrings repeat and tables have buckets of several codes.
    /// </summary>
    private static PackedCodes Clustered(int count, int bits, int seed)
    {
        var random = new Random(seed);
        var centres = new byte[4][];
        for (int c = 0; c < centres.Length; c++) random.NextBytes(centres[c] = new byte[bits / 8]);
        var codes = new PackedCodes(count, bits);
        for (int i = 0; i < count; i++)
        {
            var code = codes.Code(i);
            centres[random.Next(centres.Length)].CopyTo(code);
            for (int flips = random.Next(3); flips > 0; flips--)
            {
                int bit = random.Next(bits);
                code[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
        }
        return codes;
    }

    /// <summary>0, step, 2·step, … (<paramref name="count"/> values).</summary>
    private static float[] Ramp(int count, float step) => Enumerable.Range(0, count).Select(i => i * step).ToArray();

    /// <summary>A fixed, varied byte pattern of <paramref name="count"/> bytes.</summary>
    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 37 + 11)).ToArray();

    /// <summary>Writes one seed through a real writer, then stores it as fuzzer input for its target.</summary>
    private sealed class SeedWriter(string directory, string scratch)
    {
        public void Add(string targetName, string seedName, string extension, Action<string> write)
        {
            var target = FuzzTargets.Find(targetName);
            string file = Path.Combine(scratch, seedName + extension);
            write(file);
            string dir = Path.Combine(directory, targetName);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, seedName), target.Encode(extension, File.ReadAllBytes(file)));
        }
    }
}
