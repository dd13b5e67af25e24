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
        int k, int threads, ulong[]? excluded = null)
    {
        var answers = new KnnAnswers(queryCount, k, count, excluded);
        Search(codes, count, bytes, tables, queries, queryCount, threads, answers);
        return (answers.Positions, answers.Distances);
    }

    /// <summary>Same contract as <see cref="RadiusScan.Run"/>, searched through <paramref name="tables"/>.</summary>
    public static List<long>[] Radius(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount, int radius, int threads)
    {
        var answers = new RadiusAnswers(queryCount, radius);
        Search(codes, count, bytes, tables, queries, queryCount, threads, answers);
        return answers.Hits;
    }

    private static void Search(byte* codes, int count, int bytes, MihTables tables, byte* queries, int queryCount, int threads, Answers answers)
    {
        using var pin = tables.Pin();
        var job = new Job((nint)codes, count, bytes, TableView.All(tables, (byte*)pin.Pointer), tables.Layout, (nint)queries, queryCount,
            threads, answers);
        HammingKernels.Select(bytes, ref job);
    }

    /// <summary>
    /// What a search collects and where its answers go: a k-NN or a radius search. Each query's candidates go to a
    /// scan sink (<see cref="TopKHeaps"/> or <see cref="RadiusHits"/>, shared with the linear scan), whose limit is
    /// the largest distance still of interest.
    /// </summary>
    private abstract class Answers
    {
        /// <summary>A sink for one query at a time (one per worker thread).</summary>
        public abstract IScanSink CreateSink();

        /// <summary>Empties <paramref name="sink"/> for the next query.</summary>
        public abstract void Begin(IScanSink sink);

        /// <summary>Stores what <paramref name="sink"/> holds as the answer of query <paramref name="q"/>.</summary>
        public abstract void Finish(int q, IScanSink sink);

        /// <summary>Answers the queries <paramref name="which"/> (gathered in order at <paramref name="gathered"/>) by the linear scan.</summary>
        public abstract void Scan(byte* codes, int count, int bytes, byte* gathered, int[] which, int threads);
    }

    /// <summary>The k nearest codes of each query, -1 padded (<see cref="KnnScan.Run"/>'s contract).</summary>
    private sealed class KnnAnswers : Answers
    {
        private readonly int _k, _heapSize;
        private readonly ulong[]? _excluded;

        public KnnAnswers(int queryCount, int k, int count, ulong[]? excluded)
        {
            _excluded = excluded;
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
            _k = k;
            _heapSize = Math.Min(k, Math.Max(1, count));
            Positions = new int[checked(queryCount * k)];
            Distances = new int[Positions.Length];
        }

        public int[] Positions { get; }

        public int[] Distances { get; }

        public override IScanSink CreateSink() => new TopKHeaps(1, _heapSize, _excluded);

        public override void Begin(IScanSink sink) => ((TopKHeaps)sink).Clear();

        public override void Finish(int q, IScanSink sink)
        {
            var keys = ((TopKHeaps)sink).Entries(0).ToArray();
            TopKHeaps.WriteSorted(keys, _k, Positions.AsSpan(q * _k, _k), Distances.AsSpan(q * _k, _k));
        }

        public override void Scan(byte* codes, int count, int bytes, byte* gathered, int[] which, int threads)
        {
            var (p, d) = KnnScan.Run(codes, count, bytes, gathered, which.Length, _k, threads, excluded: _excluded);
            for (int i = 0; i < which.Length; i++)
            {
                p.AsSpan(i * _k, _k).CopyTo(Positions.AsSpan(which[i] * _k));
                d.AsSpan(i * _k, _k).CopyTo(Distances.AsSpan(which[i] * _k));
            }
        }
    }

    /// <summary>Every code within the radius of each query, nearest first (<see cref="RadiusScan.Run"/>'s contract).</summary>
    private sealed class RadiusAnswers : Answers
    {
        private readonly int _radius;

        public RadiusAnswers(int queryCount, int radius)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(radius);
            _radius = radius;
            Hits = new List<long>[queryCount];
        }

        public List<long>[] Hits { get; }

        public override IScanSink CreateSink() => new RadiusHits(1, _radius);

        public override void Begin(IScanSink sink) => ((RadiusHits)sink).Clear();

        public override void Finish(int q, IScanSink sink) => Hits[q] = ((RadiusHits)sink).TakeSorted(0);

        public override void Scan(byte* codes, int count, int bytes, byte* gathered, int[] which, int threads)
        {
            var scanned = RadiusScan.Run(codes, count, bytes, gathered, which.Length, _radius, threads);
            for (int i = 0; i < which.Length; i++) Hits[which[i]] = scanned[i];
        }
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

    /// <summary>One search, collecting into <c>answers</c>.</summary>
    private readonly struct Job(nint codes, int count, int bytes, TableView[] tables, SubstringLayout layout, nint queries, int queryCount,
        int threads, Answers answers) : IHammingKernelUser
    {
        public void Run<TKernel>() where TKernel : struct, IHammingKernel
        {
            var fallback = new bool[queryCount];
            var self = this;
            var directScans = new StrongBox<int>();
            int codeCount = count, substrings = layout.Count;
            var collect = answers;
            Parallel.For(0, queryCount, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads },
                () => new Worker(codeCount, substrings, collect.CreateSink()),
                (int q, ParallelLoopState _, Worker worker) =>
                {
                    if (!self.SearchOne<TKernel>(q, worker))
                    {
                        if (Interlocked.Increment(ref directScans.Value) <= DirectScans) self.ScanOne<TKernel>(q, worker);
                        else fallback[q] = true;
                    }
                    return worker;
                },
                worker => worker.Release());
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
            var sink = worker.Sink;
            answers.Begin(sink);
            int limit = sink.Limit(0), work = 0, budget = WorkBudget(count);
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
                                    if (d <= limit) limit = sink.Offer(0, d, p);
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
                                    if (d <= limit) limit = sink.Offer(0, d, p);
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
                    if (limit <= guaranteed || worker.SeenCount == count) return Finish(q, sink);
                    if (work + RemainingWork(layout, r, t, limit) > budget) return false;
                }
            }
            return Finish(q, sink);
        }

        /// <summary>Answers query <paramref name="q"/> by a plain scan of every code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ScanOne<TKernel>(int q, Worker worker) where TKernel : struct, IHammingKernel
        {
            ref byte queryRef = ref Unsafe.AsRef<byte>((byte*)queries + (nint)q * bytes);
            byte* code = (byte*)codes;
            var sink = worker.Sink;
            answers.Begin(sink);
            int limit = sink.Limit(0);
            for (int p = 0; p < count; p++, code += bytes)
            {
                int d = TKernel.Distance(ref queryRef, ref Unsafe.AsRef<byte>(code), bytes);
                if (d <= limit) limit = sink.Offer(0, d, p);
            }
            Finish(q, sink);
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

        private bool Finish(int q, IScanSink sink)
        {
            answers.Finish(q, sink);
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
            fixed (byte* g = gathered) answers.Scan((byte*)codes, count, bytes, g, which, threads);
        }
    }

    /// <summary>Hints the cache line at <paramref name="address"/> into all cache levels; a no-op without SSE.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(byte* address)
    {
        if (Sse.IsSupported) Sse.Prefetch0(address);
    }

    /// <summary>Per-thread scratch: which codes this query has seen (a bit each, cleared through the list of those set), its sink and its substring keys.</summary>
    private sealed class Worker
    {
        /// <summary>
        /// A clean seen-bitmap left by the last worker on this thread: a search of one query would otherwise allocate
        /// n/8 bytes (122 KiB for 1M codes, on the large-object heap) for a few hundred bits.
        /// </summary>
        [ThreadStatic]
        private static ulong[]? t_spare;

        private readonly ulong[] _seen;
        private int[] _seenList = new int[256];
        public readonly ulong[] Keys;
        public readonly IScanSink Sink;

        public Worker(int count, int substrings, IScanSink sink)
        {
            int words = (count + 63) / 64;
            var spare = t_spare;
            if (spare is not null && spare.Length >= words)
            {
                t_spare = null;
                _seen = spare;
            }
            else
            {
                _seen = new ulong[words];
            }
            Keys = new ulong[substrings];
            Sink = sink;
        }

        /// <summary>Leaves the bitmap, cleared, for the next worker on this thread.</summary>
        public void Release()
        {
            Forget();
            if (t_spare is null || t_spare.Length < _seen.Length) t_spare = _seen;
        }

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
