using Sigah.Core.Codes;
using Sigah.Core.IO;

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
            WriteCodes(seeds);
            WriteGroundTruth(seeds);
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

    private static void WriteCodes(SeedWriter seeds)
    {
        seeds.Add("codes", "64bit-5", ".npy", p => CodesFile.Write(p, new PackedCodes(5, 64, Bytes(40))));
        seeds.Add("codes", "128bit-3", ".npy", p => CodesFile.Write(p, new PackedCodes(3, 128, Bytes(48))));
        seeds.Add("codes", "8bit-0", ".npy", p => CodesFile.Write(p, new PackedCodes(0, 8)));
    }

    private static void WriteGroundTruth(SeedWriter seeds)
    {
        long[] ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, -1, -1];
        seeds.Add("gt", "ivecs-3x4", ".ivecs", p => NeighborFile.WriteIds(p, ids.Select(i => i < 0 ? 0L : i).ToArray(), 3, 4));
        seeds.Add("gt", "npy-i8-3x4", ".npy", p => NeighborFile.WriteIds(p, ids, 3, 4));
        seeds.Add("gt", "npy-i4-2x2", ".npy", p => NpyFile.Write<int>(p, [0, 1, 1, -1], 2, 2));
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
