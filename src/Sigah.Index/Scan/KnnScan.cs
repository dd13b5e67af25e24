using Sigah.Core.Hamming;

namespace Sigah.Index.Scan;

/// <summary>
/// Exact Hamming k-NN by linear scan: one fused pass per group of queries that keeps a bounded heap per query
/// and skips every code beyond the query's running k-th distance; groups (or, for few queries, parts of the
/// codes) run on separate threads.
/// </summary>
internal static unsafe class KnnScan
{
    /// <summary>
    /// The <paramref name="k"/> nearest of the <paramref name="count"/> codes at <paramref name="codes"/> to each of the
    /// <paramref name="queryCount"/> queries at <paramref name="queries"/> (all <paramref name="bytes"/> bytes):
    /// positions and distances, nq × k each, nearest first, ties by smaller position, -1 where fewer than k exist.
    /// Positions in <paramref name="excluded"/> (<see cref="PositionBits"/>, or null) are skipped.
    /// </summary>
    public static (int[] Positions, int[] Distances) Run(byte* codes, int count, int bytes, byte* queries, int queryCount, int k,
        int threads, HammingKernelPath path = HammingKernelPath.Best, ulong[]? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var positions = new int[checked(queryCount * k)];
        var distances = new int[positions.Length];
        if (queryCount == 0) return (positions, distances);
        if (count == 0)
        {
            positions.AsSpan().Fill(-1);
            distances.AsSpan().Fill(-1);
            return (positions, distances);
        }
        var job = new Job((nint)codes, count, bytes, (nint)queries, queryCount, k, threads, positions, distances, excluded);
        HammingKernels.Select(bytes, ref job, path);
        return (positions, distances);
    }

    private readonly struct Job(nint codes, int count, int bytes, nint queries, int queryCount, int k, int threads, int[] positions, int[] distances,
        ulong[]? excluded)
        : IHammingKernelUser
    {
        public void Run<TKernel>() where TKernel : struct, IHammingKernel
        {
            var plan = ScanPlan.For(queryCount, count, bytes, threads);
            var prepared = new PreparedQueries((byte*)queries, queryCount, bytes, TKernel.IsVectorised);
            int kept = Math.Min(k, count);
            var heaps = new TopKHeaps[plan.Groups * plan.Parts];
            byte* codeBase = (byte*)codes, queryBase = (byte*)queries;
            int bytesPerCode = bytes, codeCount = count, nq = queryCount;
            var skip = excluded;
            Parallel.For(0, heaps.Length, new ParallelOptions { MaxDegreeOfParallelism = plan.Threads }, item =>
            {
                int group = item / plan.Parts, part = item % plan.Parts;
                var (first, size) = plan.GroupRange(group, nq);
                var (start, end) = plan.PartRange(part, codeCount);
                var sink = new TopKHeaps(size, kept, skip);
                BlockScan.Run<TKernel, TopKHeaps>(codeBase, bytesPerCode, start, end, queryBase + (nint)first * bytesPerCode,
                    prepared.Query(first), size, plan.BlockCodes, sink);
                heaps[item] = sink;
            });
            var merged = new long[plan.Parts * kept];
            for (int q = 0; q < nq; q++)
            {
                int group = q / plan.GroupSize, local = q % plan.GroupSize, filled = 0;
                for (int part = 0; part < plan.Parts; part++)
                {
                    var entries = heaps[group * plan.Parts + part].Entries(local);
                    entries.CopyTo(merged.AsSpan(filled));
                    filled += entries.Length;
                }
                TopKHeaps.WriteSorted(merged.AsSpan(0, filled), k, positions.AsSpan(q * k, k), distances.AsSpan(q * k, k));
            }
        }
    }
}
