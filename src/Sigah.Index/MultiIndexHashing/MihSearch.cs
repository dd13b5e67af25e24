using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Sigah.Core.Hamming;
using Sigah.Index.Scan;

namespace Sigah.Index.MultiIndexHashing;

/// <summary>
/// Exact search with multi-index hashing (Norouzi, Punjani &amp; Fleet, "Fast Exact Search in Hamming Space with
/// Multi-Index Hashing"). A code within distance d of the query agrees with it to within ⌊d/m⌋ bits on at least
/// one of the m substrings, so probing every table at substring radius r = 0, 1, 2, … finds all codes in
/// order of a guaranteed radius: after radius r of tables 0..j, every code within r·m + j has been seen. k-NN
/// stops once the k-th distance found is within that guarantee, which makes the result identical to a linear
/// scan. A probe of key v looks up the directory range of v's top bits and, when the range is longer than a
/// few postings, binary-searches it for v by reading keys from the codes; a code may be met in several tables or
/// ranges, and a bit per code (cleared after each query through the list of codes met) keeps it from being
/// measured twice. When the probes and candidates of a query outgrow a fraction of the database (codes far
/// from everything, as with uniformly random codes), that query is answered by a linear scan instead.
/// </summary>
internal static unsafe class MihSearch
{
    /// <summary>Work (probes + candidates) beyond which a query is cheaper to scan: a candidate costs a random read and a distance, a scanned code well under a nanosecond.</summary>
    private static int WorkBudget(int count) => count / 32 + 256;

    /// <summary>
    /// Directory ranges up to this many postings are taken whole instead of binary searched for the bucket
    /// (measured on clustered 64-bit codes: 4 does best among 0, 4, 8, 16; longer ranges add candidates).
    /// </summary>
    private const int SmallRange = 4;

    /// <summary>
    /// How many postings ahead a bucket's codes are prefetched (measured on clustered 64-bit codes: 4 cuts the
    /// search's cpu time by about a quarter; 2 and 8 do no better, prefetching binary-search probes gains nothing).
    /// </summary>
    private const int PrefetchAhead = 4;

    /// <summary>
    /// Over-budget queries scanned one by one where they fail, before the rest are left to the batched linear scan:
    /// a few are cheaper scanned directly than the batched scan's start-up (its compilation, in a short process).
    /// </summary>
    private const int DirectScans = 16;

    /// <summary>Same contract as <see cref="KnnScan.Run"/>, searched through <paramref name="tables"/>.</summary>
    public static (int[] Positions, int[] Distances) Knn(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount,
        int k, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var positions = new int[checked(queryCount * k)];
        var distances = new int[positions.Length];
        using var pin = tables.Pin();
        var job = new Job((nint)codes, count, bytes, TableView.All(tables, (byte*)pin.Pointer), tables.Layout, (nint)queries, queryCount, k, -1,
            threads, positions, distances, null);
        HammingKernels.Select(bytes, ref job);
        return (positions, distances);
    }

    /// <summary>Same contract as <see cref="RadiusScan.Run"/>, searched through <paramref name="tables"/>.</summary>
    public static List<long>[] Radius(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount, int radius, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var results = new List<long>[queryCount];
        using var pin = tables.Pin();
        var job = new Job((nint)codes, count, bytes, TableView.All(tables, (byte*)pin.Pointer), tables.Layout, (nint)queries, queryCount, 0, radius,
            threads, null, null, results);
        HammingKernels.Select(bytes, ref job);
        return results;
    }

    /// <summary>One table as the search reads it: its directory, its packed postings and how to cut keys.</summary>
    private readonly struct TableView(nint directory, nint postings, int prefixShift, int length, SubstringLayout.KeyReader reader)
    {
        public uint* Directory => (uint*)directory;
        public byte* Postings => (byte*)postings;
        public int PrefixShift => prefixShift;
        public int Length => length;
        public SubstringLayout.KeyReader Reader => reader;

        public static TableView[] All(MihTables tables, byte* data)
        {
            var shape = tables.Shape;
            var views = new TableView[shape.Layout.Count];
            for (int t = 0; t < views.Length; t++)
                views[t] = new TableView((nint)(data + shape.DirectoryOffset(t)), (nint)(data + shape.PostingsOffset(t)), shape.PrefixShift(t),
                    shape.Layout.Length(t), shape.Layout.Reader(t));
            return views;
        }
    }

    /// <summary>One search; <c>radius</c> ≥ 0 means radius search into <c>hits</c>, otherwise k-NN into <c>positions</c>/<c>distances</c>.</summary>
    private readonly struct Job(nint codes, int count, int bytes, TableView[] tables, SubstringLayout layout, nint queries, int queryCount, int k,
        int radius, int threads, int[]? positions, int[]? distances, List<long>[]? hits) : IHammingKernelUser
    {
        public void Run<TKernel>() where TKernel : struct, IHammingKernel
        {
            var fallback = new bool[queryCount];
            var self = this;
            var directScans = new StrongBox<int>();
            int codeCount = count, substrings = layout.Count, heapSize = radius >= 0 ? 1 : Math.Min(k, Math.Max(1, count));
            Parallel.For(0, queryCount, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads },
                () => new Worker(codeCount, substrings, heapSize),
                (int q, ParallelLoopState _, Worker worker) =>
                {
                    if (!self.SearchOne<TKernel>(q, worker))
                    {
                        if (Interlocked.Increment(ref directScans.Value) <= DirectScans) self.ScanOne<TKernel>(q, worker);
                        else fallback[q] = true;
                    }
                    return worker;
                },
                _ => { });
            ScanFallbacks(fallback);
        }

        /// <summary>Searches query <paramref name="q"/>; false when it ran over budget and must be scanned.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SearchOne<TKernel>(int q, Worker worker) where TKernel : struct, IHammingKernel
        {
            int m = layout.Count, bytesPerCode = bytes, width = MihTableShape.PostingBitsFor(count);
            byte* query = (byte*)queries + (nint)q * bytes;
            byte* codeBase = (byte*)codes;
            ref byte queryRef = ref Unsafe.AsRef<byte>(query);
            var queryCode = new ReadOnlySpan<byte>(query, bytes);
            for (int t = 0; t < m; t++) worker.Keys[t] = layout.Extract(queryCode, t);
            worker.Forget();
            bool knn = radius < 0;
            var heap = worker.Heap;
            heap.Clear();
            List<long>? found = knn ? null : [];
            int limit = knn ? int.MaxValue : radius, work = 0, budget = WorkBudget(count);
            int longest = layout.Length(0);
            for (int r = 0; r <= longest; r++)
            {
                for (int t = 0; t < m; t++)
                {
                    var table = tables[t];
                    int length = table.Length;
                    if (r <= length)
                    {
                        uint* directory = table.Directory;
                        byte* postings = table.Postings;
                        int prefixShift = table.PrefixShift;
                        var reader = table.Reader;
                        ulong key0 = worker.Keys[t];
                        // All masks of `length` bits with r bits set (Gosper's hack); r = 0 is the key itself.
                        ulong mask = (1UL << r) - 1, end = 1UL << length;
                        while (mask < end)
                        {
                            ulong key = key0 ^ mask;
                            ulong prefix = key >> prefixShift;
                            int from = (int)directory[prefix], to = (int)directory[prefix + 1];
                            work++;
                            if (to - from > SmallRange)
                            {
                                // Binary search for the first posting of the bucket, reading keys from the codes;
                                // the bucket ends at the first posting with another key.
                                int hi = to;
                                while (from < hi)
                                {
                                    int mid = (int)((uint)(from + hi) >> 1);
                                    work++;
                                    if (reader.Read(codeBase + (nint)PackedPostings.Read(postings, mid, width) * bytesPerCode) < key) from = mid + 1;
                                    else hi = mid;
                                }
                                for (; from < to; from++)
                                {
                                    // Codes are read in posting order, which is random in memory: ask for a few ahead.
                                    if (from + PrefetchAhead < to) Prefetch(codeBase + (nint)PackedPostings.Read(postings, from + PrefetchAhead, width) * bytesPerCode);
                                    int p = PackedPostings.Read(postings, from, width);
                                    byte* code = codeBase + (nint)p * bytesPerCode;
                                    if (reader.Read(code) != key) break;
                                    work++;
                                    if (!worker.FirstSight(p)) continue;
                                    int d = TKernel.Distance(ref queryRef, ref Unsafe.AsRef<byte>(code), bytesPerCode);
                                    if (d > limit) continue;
                                    if (knn) limit = heap.Offer(0, d, p);
                                    else found!.Add((long)d << 32 | (uint)p);
                                }
                            }
                            else
                            {
                                // A short range is taken whole: its other keys cost no more to check than to skip.
                                for (; from < to; from++)
                                {
                                    int p = PackedPostings.Read(postings, from, width);
                                    work++;
                                    if (!worker.FirstSight(p)) continue;
                                    int d = TKernel.Distance(ref queryRef, ref Unsafe.AsRef<byte>(codeBase + (nint)p * bytesPerCode), bytesPerCode);
                                    if (d > limit) continue;
                                    if (knn) limit = heap.Offer(0, d, p);
                                    else found!.Add((long)d << 32 | (uint)p);
                                }
                            }
                            if (work > budget) return false;
                            if (mask == 0) break;
                            ulong low = mask & (~mask + 1), ripple = mask + low;
                            mask = (((ripple ^ mask) >> 2) / low) | ripple;
                        }
                    }
                    // Every code within r·m + t has now been seen.
                    long guaranteed = (long)r * m + t;
                    bool done = knn ? (limit <= guaranteed || worker.SeenCount == count) : guaranteed >= radius || worker.SeenCount == count;
                    if (done) return Finish(q, heap, found);
                    if (work + RemainingWork(layout, r, t, limit) > budget) return false;
                }
            }
            return Finish(q, heap, found);
        }

        /// <summary>Answers query <paramref name="q"/> by a plain scan of every code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ScanOne<TKernel>(int q, Worker worker) where TKernel : struct, IHammingKernel
        {
            ref byte queryRef = ref Unsafe.AsRef<byte>((byte*)queries + (nint)q * bytes);
            byte* code = (byte*)codes;
            bool knn = radius < 0;
            var heap = worker.Heap;
            heap.Clear();
            List<long>? found = knn ? null : [];
            int limit = knn ? int.MaxValue : radius;
            for (int p = 0; p < count; p++, code += bytes)
            {
                int d = TKernel.Distance(ref queryRef, ref Unsafe.AsRef<byte>(code), bytes);
                if (d > limit) continue;
                if (knn) limit = heap.Offer(0, d, p);
                else found!.Add((long)d << 32 | (uint)p);
            }
            Finish(q, heap, found);
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

    /// <summary>Hints the cache line at <paramref name="address"/> into all cache levels; a no-op without SSE.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(byte* address)
    {
        if (Sse.IsSupported) Sse.Prefetch0(address);
    }

    /// <summary>Per-thread scratch: which codes this query has seen (a bit each, cleared through the list of those set), its heap and its substring keys.</summary>
    private sealed class Worker(int count, int substrings, int k)
    {
        private readonly ulong[] _seen = new ulong[(count + 63) / 64];
        private int[] _seenList = new int[256];
        public readonly ulong[] Keys = new ulong[substrings];
        public readonly TopKHeaps Heap = new(1, k);

        /// <summary>Codes seen by this query.</summary>
        public int SeenCount { get; private set; }

        /// <summary>Marks <paramref name="position"/> seen; false when it already was.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool FirstSight(int position)
        {
            ref ulong word = ref _seen[position >> 6];
            ulong bit = 1UL << position;
            if ((word & bit) != 0) return false;
            word |= bit;
            if (SeenCount == _seenList.Length) Array.Resize(ref _seenList, 2 * SeenCount);
            _seenList[SeenCount++] = position;
            return true;
        }

        /// <summary>Forgets every code seen, for the next query.</summary>
        public void Forget()
        {
            for (int i = 0; i < SeenCount; i++) _seen[_seenList[i] >> 6] = 0;
            SeenCount = 0;
        }
    }
}
