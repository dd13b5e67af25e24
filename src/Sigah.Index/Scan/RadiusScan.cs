using Sigah.Core.Hamming;

namespace Sigah.Index.Scan;

/// <summary>Every code within a Hamming radius of each query, by linear scan (same fused loop as <see cref="KnnScan"/>).</summary>
internal static unsafe class RadiusScan
{
    /// <summary>
    /// For each of the <paramref name="queryCount"/> queries, the codes within <paramref name="radius"/>, as packed
    /// (distance, position) keys sorted nearest first, ties by smaller position.
    /// </summary>
    public static List<long>[] Run(byte* codes, int count, int bytes, byte* queries, int queryCount, int radius, int threads,
        HammingKernelPath path = HammingKernelPath.Best)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var results = new List<long>[queryCount];
        var job = new Job((nint)codes, count, bytes, (nint)queries, queryCount, radius, threads, results);
        HammingKernels.Select(bytes, ref job, path);
        return results;
    }

    private readonly struct Job(nint codes, int count, int bytes, nint queries, int queryCount, int radius, int threads, List<long>[] results)
        : IHammingKernelUser
    {
        public void Run<TKernel>() where TKernel : struct, IHammingKernel
        {
            var plan = ScanPlan.For(queryCount, count, bytes, threads);
            var prepared = new PreparedQueries((byte*)queries, queryCount, bytes, TKernel.IsVectorised);
            var hits = new RadiusHits[plan.Groups * plan.Parts];
            byte* codeBase = (byte*)codes, queryBase = (byte*)queries;
            int bytesPerCode = bytes, codeCount = count, nq = queryCount, r = radius;
            Parallel.For(0, hits.Length, new ParallelOptions { MaxDegreeOfParallelism = plan.Threads }, item =>
            {
                int group = item / plan.Parts, part = item % plan.Parts;
                var (first, size) = plan.GroupRange(group, nq);
                var (start, end) = plan.PartRange(part, codeCount);
                var sink = new RadiusHits(size, r);
                BlockScan.Run<TKernel, RadiusHits>(codeBase, bytesPerCode, start, end, queryBase + (nint)first * bytesPerCode,
                    prepared.Query(first), size, plan.BlockCodes, sink);
                hits[item] = sink;
            });
            for (int q = 0; q < nq; q++)
            {
                int group = q / plan.GroupSize, local = q % plan.GroupSize;
                var all = new List<long>();
                for (int part = 0; part < plan.Parts; part++) all.AddRange(hits[group * plan.Parts + part].Sorted(local));
                all.Sort();
                results[q] = all;
            }
        }
    }
}
