namespace Sigah.Index.Scan;

/// <summary>
/// How a scan splits its work: queries in groups that share each pass over a block of codes, and, when there
/// are fewer groups than threads, the codes in parts scanned by different threads and merged afterwards.
/// </summary>
internal readonly record struct ScanPlan(int GroupSize, int BlockCodes, int Groups, int Parts, int PartCodes, int Threads)
{
    /// <summary>Queries scanned together over one block: each block is read from memory once per group.</summary>
    public const int DefaultGroupSize = 32;

    /// <summary>Bytes of codes per block: small enough to stay in L1/L2 while a whole group passes over it.</summary>
    public const int BlockBytes = 32 * 1024;

    /// <summary>Fewest codes worth giving a thread of its own.</summary>
    private const int MinPartCodes = 1 << 14;

    /// <summary>The plan for <paramref name="queries"/> queries over <paramref name="codes"/> codes of <paramref name="bytes"/> bytes.</summary>
    public static ScanPlan For(int queries, int codes, int bytes, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (threads == 0) threads = Environment.ProcessorCount;
        int groupSize = Math.Max(1, Math.Min(DefaultGroupSize, queries));
        int groups = (queries + groupSize - 1) / groupSize;
        int blockCodes = Math.Max(16, BlockBytes / bytes / 16 * 16);
        int parts = groups >= threads ? 1 : Math.Max(1, Math.Min((threads + groups - 1) / groups, codes / MinPartCodes));
        int partCodes = (codes / parts + 15) / 16 * 16;
        return new ScanPlan(groupSize, blockCodes, groups, parts, Math.Max(16, partCodes), threads);
    }

    /// <summary>Queries of group <paramref name="group"/>: first and count.</summary>
    public (int First, int Count) GroupRange(int group, int queries)
    {
        int first = group * GroupSize;
        return (first, Math.Min(GroupSize, queries - first));
    }

    /// <summary>Codes of part <paramref name="part"/>: first and end (exclusive).</summary>
    public (int Start, int End) PartRange(int part, int codes) =>
        (Math.Min(codes, part * PartCodes), part == Parts - 1 ? codes : Math.Min(codes, (part + 1) * PartCodes));
}
