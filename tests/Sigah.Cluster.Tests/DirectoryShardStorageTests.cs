using Sigah.Cluster.Storage;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Tests;

/// <summary>The conformance tests on <see cref="DirectoryShardStorage"/> in a temporary directory, and its lock-based ownership.</summary>
public sealed class DirectoryShardStorageTests : ShardStorageConformanceTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sigah-shards-").FullName;
    private readonly DirectoryShardStorage _storage;

    public DirectoryShardStorageTests() => _storage = new DirectoryShardStorage(_root);

    private protected override IShardStorage Storage => _storage;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A crash while the batch was being written: its first record only partly on disk, nothing after it.</summary>
    private protected override void TearAppend(ClusterCollection collection, int shard, LogRecord[] batch)
    {
        using (var store = Storage.OpenShard(collection, shard))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(batch);
        }
        string newest = Directory.GetFiles(Path.Combine(_root, collection.Name, $"shard-{shard}", "wal")).Order(StringComparer.Ordinal).Last();
        long length = new FileInfo(newest).Length - batch.Sum(r => (long)r.Size) + (batch[0].Size / 2);
        using var file = new FileStream(newest, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    [Fact]
    public async Task A_second_open_of_a_shard_fails_while_its_owner_holds_it()
    {
        var collection = await Created("owned");
        var records = Records(1, 8, seed: 11);
        var first = Storage.OpenShard(collection, 0);
        first.OpenLog(CodeBytes, Dimension, 0, _ => { });
        first.Append(records[..4]);
        Assert.ThrowsAny<IOException>(() => Storage.OpenShard(collection, 0));
        first.Append(records[4..]);
        first.Dispose();

        var (second, replayed) = Open(collection, 0, 0);
        second.Dispose();
        Assert.Equal(records.Select(Describe), replayed.Select(Describe));
    }
}
