using System.Runtime.InteropServices;
using Sigah.Cluster.Storage;
using Sigah.Core;
using Sigah.Server.Collections;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Tests;

/// <summary>
/// What every <see cref="IShardStorage"/> must do, run against each implementation (the subclasses): the catalog
/// (atomic create, generations), shard stores that give back exactly what was appended, snapshots, deletion.
/// </summary>
public abstract class ShardStorageConformanceTests
{
    private protected const int Bits = 64, CodeBytes = Bits / 8, Dimension = 3;

    private protected abstract IShardStorage Storage { get; }

    /// <summary>
    /// Makes an append of <paramref name="batch"/> to <paramref name="shard"/> (whose log holds the records before it)
    /// fail or tear part-way, as a crash or a lost connection would.
    /// </summary>
    private protected abstract void TearAppend(ClusterCollection collection, int shard, LogRecord[] batch);

    [Fact]
    public async Task A_create_of_a_taken_name_returns_the_first_collection()
    {
        var first = NewCollection("alpha");
        var (created, stored) = await Storage.CreateAsync(first);
        Assert.True(created);
        AssertSame(first, stored);

        var second = NewCollection("alpha", shards: 5, seed: 2);
        (created, stored) = await Storage.CreateAsync(second);
        Assert.False(created);
        AssertSame(first, stored);
        AssertSame(first, (await Storage.FindAsync("alpha"))!);

        (created, stored) = await Storage.CreateAsync(first);
        Assert.False(created);
        AssertSame(first, stored);
    }

    [Fact]
    public async Task Racing_creates_of_a_name_agree_on_one_winner()
    {
        var candidates = Enumerable.Range(0, 8).Select(i => NewCollection("race", seed: i)).ToArray();
        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => Storage.CreateAsync(c))));
        var winners = results.Where(r => r.Created).ToArray();
        Assert.Single(winners);
        var winner = winners[0].Collection;
        Assert.Contains(candidates, c => c.Generation == winner.Generation);
        foreach (var (_, collection) in results) AssertSame(winner, collection);
        AssertSame(winner, (await Storage.FindAsync("race"))!);
    }

    [Fact]
    public async Task Find_list_and_delete_go_by_name_and_generation()
    {
        Assert.Empty(await Storage.ListAsync());
        var b = NewCollection("b", seed: 1);
        var a = NewCollection("a", seed: 2);
        var c = NewCollection("c", seed: 3);
        foreach (var collection in new[] { b, a, c }) Assert.True((await Storage.CreateAsync(collection)).Created);
        var listed = await Storage.ListAsync();
        Assert.Equal(["a", "b", "c"], listed.Select(x => x.Name));
        AssertSame(a, listed[0]);
        AssertSame(b, listed[1]);
        Assert.Null(await Storage.FindAsync("d"));

        Assert.False(await Storage.DeleteAsync("b", Guid.NewGuid()));
        AssertSame(b, (await Storage.FindAsync("b"))!);
        Assert.True(await Storage.DeleteAsync("b", b.Generation));
        Assert.Null(await Storage.FindAsync("b"));
        Assert.False(await Storage.DeleteAsync("b", b.Generation));
        Assert.Equal(["a", "c"], (await Storage.ListAsync()).Select(x => x.Name));

        var again = NewCollection("b", seed: 4);
        Assert.True((await Storage.CreateAsync(again)).Created);
        Assert.False(await Storage.DeleteAsync("b", b.Generation));
        AssertSame(again, (await Storage.FindAsync("b"))!);
    }

    [Fact]
    public async Task Appended_batches_replay_exactly_after_reopening()
    {
        var collection = await Created("logs");
        var records = Records(1, 23, seed: 5);
        using (var store = Storage.OpenShard(collection, 1))
        {
            Assert.Null(store.ReadSnapshot(Bits, Dimension));
            store.OpenLog(CodeBytes, Dimension, 0, _ => Assert.Fail("a new shard replays nothing"));
            Assert.Equal(0, store.LastLsn);
            store.Append(records[..1]);
            store.Append(records[1..10]);
            store.Append(records[10..]);
            Assert.Equal(23, store.LastLsn);
            Assert.Equal(records.Sum(r => (long)r.Size), store.LogBytes);
            Assert.True(store.StoredBytes >= records.Sum(r => (long)r.Size));
        }
        var (reopened, replayed) = Open(collection, 1, 0);
        using (reopened)
        {
            Assert.Equal(records.Select(Describe), replayed.Select(Describe));
            Assert.Equal(23, reopened.LastLsn);
            var more = Records(24, 3, seed: 6);
            reopened.Append(more);
            records = [.. records, .. more];
        }
        var (third, all) = Open(collection, 1, 0);
        third.Dispose();
        Assert.Equal(records.Select(Describe), all.Select(Describe));
        var (other, nothing) = Open(collection, 0, 0);
        other.Dispose();
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task A_snapshot_and_the_records_after_it_rebuild_the_state()
    {
        var collection = await Created("snap");
        var records = Records(1, 60, seed: 7);
        var builder = new StateBuilder(CollectionState.Empty, CodeBytes, Dimension, sealRows: 16);
        foreach (var record in records[..40]) builder.Apply(record);
        var state = builder.Build(40);
        Assert.True(state.Segments.Length > 1 && state.DeletedCount > 0, "the snapshotted state spans segments and holds tombstones");
        using (var store = Storage.OpenShard(collection, 0))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(records[..25]);
            store.Append(records[25..40]);
            store.StartSnapshot();
            Assert.Equal(0, store.LogBytes);
            store.Append(records[40..]);
            Assert.Equal(records[40..].Sum(r => (long)r.Size), store.LogBytes);
            store.WriteSnapshot(state, Bits, Dimension);
            store.DropLogUpTo(40);
        }

        using (var store = Storage.OpenShard(collection, 0))
        {
            var (segment, lsn) = store.ReadSnapshot(Bits, Dimension) ?? throw new Xunit.Sdk.XunitException("no snapshot");
            Assert.Equal(40, lsn);
            AssertRows(Reference(records[..40]), LiveRows([segment]));
            var after = new StateBuilder(new CollectionState([segment], lsn), CodeBytes, Dimension, sealRows: 16);
            var replayed = new List<LogRecord>();
            store.OpenLog(CodeBytes, Dimension, lsn, record =>
            {
                replayed.Add(record);
                after.Apply(record);
            });
            Assert.Equal(records[40..].Select(Describe), replayed.Select(Describe));
            Assert.Equal(60, store.LastLsn);
            Assert.Equal(records[40..].Sum(r => (long)r.Size), store.LogBytes);
            AssertRows(Reference(records), LiveRows(after.Build(60).Segments));
        }

        // The dropped records are gone: replaying from the start finds the hole.
        using var again = Storage.OpenShard(collection, 0);
        Assert.Throws<UserInputException>(() => again.OpenLog(CodeBytes, Dimension, 0, _ => { }));
    }

    [Fact]
    public async Task A_torn_append_leaves_nothing_of_its_batch()
    {
        var collection = await Created("torn");
        var records = Records(1, 12, seed: 8);
        using (var store = Storage.OpenShard(collection, 0))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(records[..5]);
        }
        TearAppend(collection, 0, records[5..]);

        var (reopened, replayed) = Open(collection, 0, 0);
        using (reopened)
        {
            Assert.Equal(records[..5].Select(Describe), replayed.Select(Describe));
            Assert.Equal(5, reopened.LastLsn);
            reopened.Append(records[5..]);
        }
        var (last, all) = Open(collection, 0, 0);
        last.Dispose();
        Assert.Equal(records.Select(Describe), all.Select(Describe));
    }

    [Fact]
    public async Task Deleting_a_collection_removes_its_shards()
    {
        var old = await Created("doomed");
        var records = Records(1, 10, seed: 9);
        var builder = new StateBuilder(CollectionState.Empty, CodeBytes, Dimension, sealRows: 16);
        foreach (var record in records) builder.Apply(record);
        using (var store = Storage.OpenShard(old, 1))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(records);
            store.StartSnapshot();
            store.WriteSnapshot(builder.Build(10), Bits, Dimension);
            Assert.True(store.StoredBytes > 0);
        }
        Assert.True(await Storage.DeleteAsync("doomed", old.Generation));
        Assert.Throws<CollectionGoneException>(() => Storage.OpenShard(old, 1));

        var fresh = await Created("doomed", seed: 10);
        Assert.Throws<CollectionGoneException>(() => Storage.OpenShard(old, 1));
        using var reopened = Storage.OpenShard(fresh, 1);
        Assert.Equal(0, reopened.StoredBytes);
        Assert.Null(reopened.ReadSnapshot(Bits, Dimension));
        reopened.OpenLog(CodeBytes, Dimension, 0, _ => Assert.Fail("a re-created collection starts empty"));
        Assert.Equal(0, reopened.LastLsn);
    }

    private protected async Task<ClusterCollection> Created(string name, int seed = 1)
    {
        var collection = NewCollection(name, seed: seed);
        Assert.True((await Storage.CreateAsync(collection)).Created);
        return collection;
    }

    private protected static ClusterCollection NewCollection(string name, int shards = 2, int seed = 1)
    {
        var model = new byte[100 + seed];
        new Random(seed).NextBytes(model);
        return new ClusterCollection(name, Guid.NewGuid(), model, Rerank: true, shards);
    }

    /// <summary>Opens <paramref name="shard"/> and replays its log after <paramref name="afterLsn"/>.</summary>
    private protected (ICollectionStore Store, List<LogRecord> Replayed) Open(ClusterCollection collection, int shard, long afterLsn)
    {
        var store = Storage.OpenShard(collection, shard);
        var replayed = new List<LogRecord>();
        store.OpenLog(CodeBytes, Dimension, afterLsn, replayed.Add);
        return (store, replayed);
    }

    /// <summary>Upserts of 1–5 distinct ids out of 40 (so later ones replace earlier rows) with every fourth record a delete.</summary>
    private protected static LogRecord[] Records(long first, int count, int seed)
    {
        var random = new Random(seed);
        var records = new LogRecord[count];
        for (int i = 0; i < count; i++)
        {
            long[] ids = [.. Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(random.Next(1, 6)).Select(id => (long)id)];
            if (i % 4 == 3)
            {
                records[i] = new LogRecord(first + i, LogRecordKind.Delete, ids, [], null);
                continue;
            }
            var codes = new byte[ids.Length * CodeBytes];
            random.NextBytes(codes);
            var vectors = new float[ids.Length * Dimension];
            for (int v = 0; v < vectors.Length; v++) vectors[v] = (float)random.NextDouble() - 0.5f;
            records[i] = new LogRecord(first + i, LogRecordKind.Upsert, ids, codes, vectors);
        }
        return records;
    }

    /// <summary>Everything a record holds, bit for bit.</summary>
    private protected static string Describe(LogRecord record) =>
        $"{record.Lsn} {record.Kind} [{string.Join(',', record.Ids)}] {Convert.ToHexString(record.Codes)} "
        + (record.Vectors is null ? "-" : Convert.ToHexString(MemoryMarshal.AsBytes(record.Vectors.AsSpan())));

    /// <summary>id → (code, vector) after applying <paramref name="records"/> in order, computed without the server's code.</summary>
    private protected static Dictionary<long, string> Reference(IEnumerable<LogRecord> records)
    {
        var rows = new Dictionary<long, string>();
        foreach (var record in records)
            for (int i = 0; i < record.Count; i++)
            {
                if (record.Kind == LogRecordKind.Delete)
                {
                    rows.Remove(record.Ids[i]);
                    continue;
                }
                rows[record.Ids[i]] = Row(record.Codes.AsSpan(i * CodeBytes, CodeBytes), record.Vectors.AsSpan(i * Dimension, Dimension));
            }
        return rows;
    }

    private protected static Dictionary<long, string> LiveRows(IEnumerable<Segment> segments)
    {
        var rows = new Dictionary<long, string>();
        foreach (var segment in segments)
            for (int row = 0; row < segment.Count; row++)
                if (!segment.IsDeleted(row))
                    Assert.True(rows.TryAdd(segment.Ids[row], Row(segment.Codes.Slice(row * CodeBytes, CodeBytes), segment.Vectors.AsSpan(row * Dimension, Dimension))),
                        $"id {segment.Ids[row]} is live twice");
        return rows;
    }

    private static string Row(ReadOnlySpan<byte> code, ReadOnlySpan<float> vector) =>
        Convert.ToHexString(code) + "/" + Convert.ToHexString(MemoryMarshal.AsBytes(vector));

    private protected static void AssertRows(Dictionary<long, string> expected, Dictionary<long, string> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    private protected static void AssertSame(ClusterCollection expected, ClusterCollection actual)
    {
        Assert.Equal((expected.Name, expected.Generation, expected.Rerank, expected.Shards), (actual.Name, actual.Generation, actual.Rerank, actual.Shards));
        Assert.Equal(expected.Model, actual.Model);
    }
}
