using Microsoft.Extensions.Logging.Abstractions;
using Sigah.Core.Codes;
using Sigah.Server.Collections;

namespace Sigah.Server.Tests;

public class SegmentConcurrencyTests
{
    private const int Dimension = 24, Bits = 24, Writers = 3, Searchers = 2;

    [Fact]
    public async Task Searches_during_writes_seals_merges_and_snapshots_each_equal_brute_force_on_the_state_they_saw()
    {
        string directory = Directory.CreateTempSubdirectory("sigah-segments-").FullName;
        byte[] model = ServerHarness.ModelBytes(Dimension, Bits);
        Collection.Create(directory, model, new CollectionSettings(Rerank: true));
        var tuning = new CollectionTuning(SealRows: 40, SnapshotLogBytes: 32 << 10, SnapshotInterval: TimeSpan.FromSeconds(1), MaxGroupCommit: 64);
        var collection = Collection.Open("c", directory, tuning, NullLogger.Instance);
        var expected = new Dictionary<long, byte[]>[Writers];
        int searches = 0;
        try
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                // Each writer owns ids w, w + Writers, …: its own operations apply in its own order.
                var live = expected[w] = [];
                var rng = new Random(w);
                for (int op = 0; op < 150; op++)
                {
                    if (live.Count > 0 && rng.NextDouble() < 0.3)
                    {
                        var gone = live.Keys.Where(_ => rng.NextDouble() < 0.2).Append(live.Keys.First()).Distinct().ToArray();
                        await collection.DeleteAsync(gone);
                        foreach (long id in gone) live.Remove(id);
                        continue;
                    }
                    var ids = Enumerable.Range(0, rng.Next(1, 30)).Select(_ => (long)(rng.Next(0, 400) * Writers) + w).Distinct().ToArray();
                    var vectors = ServerHarness.Vectors(ids.Length, Dimension, seed: (w * 1000) + op);
                    var codes = Reference.Encode(model, vectors, ids.Length);
                    await collection.UpsertAsync(ids, codes.Data, vectors);
                    for (int i = 0; i < ids.Length; i++) live[ids[i]] = codes.Code(i).ToArray();
                }
            })).ToArray();
            var searchers = Enumerable.Range(0, Searchers).Select(s => Task.Run(() =>
            {
                var rng = new Random(100 + s);
                while (!stop.IsCancellationRequested)
                {
                    var state = collection.State;
                    var live = LiveRows(state);
                    var queries = ServerHarness.Vectors(3, Dimension, rng.Next());
                    var codes = Reference.Encode(model, queries, 3);
                    var answers = CollectionSearch.Run(state, codes, queries, Dimension, 10, 0, null);
                    for (int q = 0; q < 3; q++)
                    {
                        var (ids, distances) = Reference.Knn(live, codes.Code(q), 10);
                        Assert.Equal(ids, answers[q].Ids);
                        Assert.Equal(distances.Select(d => (double)d), answers[q].Distances);
                    }
                    Interlocked.Increment(ref searches);
                }
            })).ToArray();
            await Task.WhenAll(writers);
            await stop.CancelAsync();
            await Task.WhenAll(searchers);

            var final = LiveRows(collection.State);
            var union = expected.SelectMany(e => e).ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(union.Keys.Order(), final.Keys.Order());
            foreach (var (id, code) in union) Assert.Equal(code, final[id]);
            Assert.True(searches > 20, $"only {searches} searches ran alongside the writes");
            await collection.TakeSnapshot(CancellationToken.None);
        }
        finally
        {
            await collection.DisposeAsync();
        }
        var reopened = Collection.Open("c", directory, tuning, NullLogger.Instance);
        try
        {
            var union = expected.SelectMany(e => e).ToDictionary(p => p.Key, p => p.Value);
            var recovered = LiveRows(reopened.State);
            Assert.Equal(union.Count, recovered.Count);
            foreach (var (id, code) in union) Assert.Equal(code, recovered[id]);
        }
        finally
        {
            await reopened.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_merge_carries_the_deletes_made_while_it_ran()
    {
        string directory = Directory.CreateTempSubdirectory("sigah-merge-").FullName;
        byte[] model = ServerHarness.ModelBytes(Dimension, Bits);
        Collection.Create(directory, model, new CollectionSettings(Rerank: false));
        var collection = Collection.Open("c", directory, new CollectionTuning(1000, 1L << 40, TimeSpan.FromHours(1), 64), NullLogger.Instance);
        try
        {
            var vectors = ServerHarness.Vectors(300, Dimension, seed: 1);
            var codes = Reference.Encode(model, vectors, 300);
            await collection.UpsertAsync([.. Enumerable.Range(0, 300).Select(i => (long)i)], codes.Data, null);
            var before = collection.State;
            var inputs = before.Segments.ToList();
            var output = SegmentMerge.Run(inputs, Bits, 0);
            await collection.DeleteAsync([3, 150, 299]);
            await collection.UpsertAsync([10], codes.Code(11).ToArray(), null);

            var builder = new StateBuilder(collection.State, Bits / 8, 0, 1000);
            var carried = new List<int>();
            foreach (var input in inputs) SegmentMerge.CarryDeletes(input, builder.Find(input.Identity)!, output, carried);
            Assert.Equal(new long[] { 3, 10, 150, 299 }, carried.Select(row => output.Ids[row]).Order());
        }
        finally
        {
            await collection.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>id → code of every live row of <paramref name="state"/>, checking no id is live twice.</summary>
    private static Dictionary<long, byte[]> LiveRows(CollectionState state)
    {
        var live = new Dictionary<long, byte[]>();
        int bytes = Bits / 8;
        foreach (var segment in state.Segments)
            for (int row = 0; row < segment.Count; row++)
                if (!segment.IsDeleted(row)) Assert.True(live.TryAdd(segment.Ids[row], segment.Codes.Slice(row * bytes, bytes).ToArray()), $"id {segment.Ids[row]} is live twice");
        Assert.Equal(state.Count, live.Count);
        return live;
    }
}
