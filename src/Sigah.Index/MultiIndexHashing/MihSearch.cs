using System.Runtime.CompilerServices;
using Sigah.Core.Hamming;
using Sigah.Index.Scan;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Exact search with multi-index hashing (Norouzi, Punjani &amp; Fleet, "Fast Exact Search in Hamming Space with
/// Multi-Index Hashing"). A code within distance d of the query agrees with it to within ⌊d/m⌋ bits on at least
/// one of the m substrings, so probing every table at substring radius r = 0, 1, 2, … finds all codes in
/// order of a guaranteed radius: after radius r of tables 0..j, every code within r·m + j has been seen. k-NN
/// stops once the k-th distance found is within that guarantee, which makes the result identical to a linear
/// scan. When the probes and candidates of a query outgrow a fraction of the database (codes far from
/// everything, as with uniformly random codes), that query is answered by the linear scan instead.
/// </summary>
internal static unsafe class MihSearch
{
    /// <summary>Work (probes + candidates) beyond which a query is cheaper to scan: a candidate costs a random read and a distance, a scanned code well under a nanosecond.</summary>
    private static int WorkBudget(int count) => count / 32 + 256;

    /// <summary>Same contract as <see cref="KnnScan.Run"/>, searched through <paramref name="tables"/>.</summary>
    public static (int[] Positions, int[] Distances) Knn(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount,
        int k, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var positions = new int[checked(queryCount * k)];
        var distances = new int[positions.Length];
        var job = new Job((nint)codes, count, bytes, tables, (nint)queries, queryCount, k, -1, threads, positions, distances, null);
        HammingKernels.Select(bytes, ref job);
        return (positions, distances);
    }

    /// <summary>Same contract as <see cref="RadiusScan.Run"/>, searched through <paramref name="tables"/>.</summary>
    public static List<long>[] Radius(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount, int radius, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var results = new List<long>[queryCount];
        var job = new Job((nint)codes, count, bytes, tables, (nint)queries, queryCount, 0, radius, threads, null, null, results);
        HammingKernels.Select(bytes, ref job);
        return results;
    }

    /// <summary>One search; <c>radius</c> ≥ 0 means radius search into <c>hits</c>, otherwise k-NN into <c>positions</c>/<c>distances</c>.</summary>
    private readonly struct Job(nint codes, int count, int bytes, MihTables tables, nint queries, int queryCount, int k, int radius, int threads,
        int[]? positions, int[]? distances, List<long>[]? hits) : IHammingKernelUser
    {
        public void Run<TKernel>() where TKernel : struct, IHammingKernel
        {
            var fallback = new bool[queryCount];
            var self = this;
            int codeCount = count, substrings = tables.Layout.Count, heapSize = radius >= 0 ? 1 : Math.Min(k, Math.Max(1, count));
            Parallel.For(0, queryCount, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads },
                () => new Worker(codeCount, substrings, heapSize),
                (int q, ParallelLoopState _, Worker worker) =>
                {
                    fallback[q] = !self.SearchOne<TKernel>(q, worker);
                    return worker;
                },
                _ => { });
            ScanFallbacks(fallback);
        }

        /// <summary>Searches query <paramref name="q"/>; false when it ran over budget and must be scanned.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SearchOne<TKernel>(int q, Worker worker) where TKernel : struct, IHammingKernel
        {
            var layout = tables.Layout;
            int m = layout.Count, bytesPerCode = bytes;
            byte* query = (byte*)queries + (nint)q * bytes;
            ref byte queryRef = ref Unsafe.AsRef<byte>(query);
            var queryCode = new ReadOnlySpan<byte>(query, bytes);
            for (int t = 0; t < m; t++) worker.Keys[t] = layout.Extract(queryCode, t);
            int stamp = worker.NextStamp();
            int[] seen = worker.Seen;
            bool knn = radius < 0;
            var heap = worker.Heap;
            heap.Clear();
            List<long>? found = knn ? null : [];
            int limit = knn ? int.MaxValue : radius, seenCount = 0, work = 0, budget = WorkBudget(count);
            int longest = layout.Length(0);
            for (int r = 0; r <= longest; r++)
            {
                for (int t = 0; t < m; t++)
                {
                    int length = layout.Length(t);
                    if (r <= length)
                    {
                        var starts = tables.Starts(t);
                        var bucketPositions = tables.Positions(t);
                        uint key0 = worker.Keys[t];
                        // All masks of `length` bits with r bits set (Gosper's hack); r = 0 is the key itself.
                        ulong mask = (1UL << r) - 1, end = 1UL << length;
                        while (mask < end)
                        {
                            uint key = key0 ^ (uint)mask;
                            int from = starts[(int)key], to = starts[(int)key + 1];
                            work += 1 + (to - from);
                            for (int e = from; e < to; e++)
                            {
                                int p = bucketPositions[e];
                                if (seen[p] == stamp) continue;
                                seen[p] = stamp;
                                seenCount++;
                                int d = TKernel.Distance(ref queryRef, ref Unsafe.AsRef<byte>((byte*)codes + (nint)p * bytesPerCode), bytesPerCode);
                                if (d > limit) continue;
                                if (knn) limit = heap.Offer(0, d, p);
                                else found!.Add((long)d << 32 | (uint)p);
                            }
                            if (work > budget) return false;
                            if (mask == 0) break;
                            ulong low = mask & (~mask + 1), ripple = mask + low;
                            mask = (((ripple ^ mask) >> 2) / low) | ripple;
                        }
                    }
                    // Every code within r·m + t has now been seen.
                    long guaranteed = (long)r * m + t;
                    bool done = knn ? (limit <= guaranteed || seenCount == count) : guaranteed >= radius || seenCount == count;
                    if (done) return Finish(q, heap, found);
                    if (work + RemainingWork(layout, r, t, limit) > budget) return false;
                }
            }
            return Finish(q, heap, found);
        }

        /// <summary>
        /// Probes and expected candidates still needed, after radius <paramref name="r"/> of table <paramref name="t"/>,
        /// to reach a guarantee of <paramref name="limit"/>: every (radius, table) step up to the one that stops,
        /// each probe finding count / 2^L codes on average.
        /// </summary>
        private double RemainingWork(SubstringLayout layout, int r, int t, int limit)
        {
            if (limit == int.MaxValue) return 0;
            int m = layout.Count;
            double total = 0;
            for (int level = r, table = t + 1; ; table++)
            {
                if (table == m)
                {
                    table = 0;
                    level++;
                }
                if (level > layout.Length(0)) break;
                int length = layout.Length(table);
                if (level <= length) total += Binomial(length, level) * (1 + (double)count / (1L << length));
                if ((long)level * m + table >= limit) break;
            }
            return total;
        }

        private static double Binomial(int n, int j)
        {
            double c = 1;
            for (int i = 1; i <= j; i++) c = c * (n - j + i) / i;
            return c;
        }

        private bool Finish(int q, TopKHeaps heap, List<long>? found)
        {
            if (radius >= 0)
            {
                found!.Sort();
                hits![q] = found;
                return true;
            }
            var keys = heap.Entries(0).ToArray();
            TopKHeaps.WriteSorted(keys, k, positions.AsSpan(q * k, k), distances.AsSpan(q * k, k));
            return true;
        }

        /// <summary>Answers the over-budget queries with the linear scan, all together.</summary>
        private void ScanFallbacks(bool[] fallback)
        {
            var which = Enumerable.Range(0, queryCount).Where(q => fallback[q]).ToArray();
            if (which.Length == 0) return;
            var gathered = new byte[which.Length * bytes];
            for (int i = 0; i < which.Length; i++)
                new ReadOnlySpan<byte>((byte*)queries + (nint)which[i] * bytes, bytes).CopyTo(gathered.AsSpan(i * bytes));
            fixed (byte* g = gathered)
            {
                if (radius >= 0)
                {
                    var scanned = RadiusScan.Run((byte*)codes, count, bytes, g, which.Length, radius, threads);
                    for (int i = 0; i < which.Length; i++) hits![which[i]] = scanned[i];
                    return;
                }
                var (p, d) = KnnScan.Run((byte*)codes, count, bytes, g, which.Length, k, threads);
                for (int i = 0; i < which.Length; i++)
                {
                    p.AsSpan(i * k, k).CopyTo(positions.AsSpan(which[i] * k));
                    d.AsSpan(i * k, k).CopyTo(distances.AsSpan(which[i] * k));
                }
            }
        }
    }

    /// <summary>Per-thread scratch: which codes this query has seen (by stamp), its heap and its substring keys.</summary>
    private sealed class Worker(int count, int substrings, int k)
    {
        private int _stamp;
        public readonly int[] Seen = new int[count];
        public readonly uint[] Keys = new uint[substrings];
        public readonly TopKHeaps Heap = new(1, k);

        public int NextStamp()
        {
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(Seen);
                _stamp = 1;
            }
            return _stamp;
        }
    }
}
