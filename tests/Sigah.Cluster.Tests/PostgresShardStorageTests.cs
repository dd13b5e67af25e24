using System.Globalization;
using Npgsql;
using Sigah.Cluster.Storage;
using Sigah.Core;
using Sigah.Server.Collections;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Tests;

/// <summary>
/// The conformance tests on <see cref="PostgresShardStorage"/> (a database of its own per test, snapshot parts of
/// 256 bytes so that files span many rows), and what only it does: epoch fencing, damage checks, the shared schema.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresShardStorageTests : ShardStorageConformanceTests, IDisposable
{
    private readonly PrivatePostgres _server;
    private readonly string _connectionString;
    private readonly PostgresShardStorage _storage;

    public PostgresShardStorageTests(PrivatePostgres server)
    {
        _server = server;
        _connectionString = server.CreateDatabase();
        _storage = new PostgresShardStorage(_connectionString, partBytes: 256);
    }

    private protected override IShardStorage Storage => _storage;

    public void Dispose() => _storage.Dispose();

    /// <summary>
    /// Another transaction holds, uncommitted, the key of the batch's last record: the append copies the rows before
    /// it, waits, and gives up at its lock timeout, as a lost connection would end it.
    /// </summary>
    private protected override void TearAppend(ClusterCollection collection, int shard, LogRecord[] batch)
    {
        using var blocker = new NpgsqlConnection(_connectionString);
        blocker.Open();
        using var transaction = blocker.BeginTransaction();
        using (var insert = new NpgsqlCommand("INSERT INTO sigah_shard_log VALUES (@collection, @generation, @shard, @lsn, '\\x00'::bytea)", blocker, transaction))
        {
            insert.Parameters.AddWithValue("collection", collection.Name);
            insert.Parameters.AddWithValue("generation", collection.Generation);
            insert.Parameters.AddWithValue("shard", shard);
            insert.Parameters.AddWithValue("lsn", batch[^1].Lsn);
            insert.ExecuteNonQuery();
        }
        using var impatient = new PostgresShardStorage(new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c lock_timeout=300" }.ConnectionString);
        using var store = impatient.OpenShard(collection, shard);
        store.OpenLog(CodeBytes, Dimension, 0, _ => { });
        var e = Assert.Throws<IOException>(() => store.Append(batch));
        Assert.Contains("lock timeout", e.Message, StringComparison.Ordinal);
        transaction.Rollback();
    }

    [Fact]
    public async Task A_second_owner_fences_the_first()
    {
        var collection = await Created("owned");
        var records = Records(1, 3, seed: 11);
        var theirs = Records(4, 4, seed: 12);
        using var first = Storage.OpenShard(collection, 0);
        first.OpenLog(CodeBytes, Dimension, 0, _ => { });
        first.Append(records);

        var (second, replayed) = Open(collection, 0, 0);
        using (second)
        {
            Assert.Equal(records.Select(Describe), replayed.Select(Describe));
            var e = Assert.Throws<ShardFencedException>(() => first.Append(Records(4, 2, seed: 13)));
            Assert.Contains("another owner took the shard", e.Message, StringComparison.Ordinal);
            second.Append(theirs);
            Assert.Throws<ShardFencedException>(() => first.DropLogUpTo(3));
            var builder = new StateBuilder(CollectionState.Empty, CodeBytes, Dimension, sealRows: 16);
            foreach (var record in records) builder.Apply(record);
            Assert.Throws<ShardFencedException>(() => first.WriteSnapshot(builder.Build(3), Bits, Dimension));
        }
        var (third, all) = Open(collection, 0, 0);
        using (third) Assert.Null(third.ReadSnapshot(Bits, Dimension));
        Assert.Equal(records.Concat(theirs).Select(Describe), all.Select(Describe));
    }

    [Fact]
    public async Task A_missing_log_record_is_an_error_naming_the_table_and_shard()
    {
        var collection = await Created("holes");
        using (var store = Storage.OpenShard(collection, 1))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(Records(1, 5, seed: 13));
        }
        Execute("DELETE FROM sigah_shard_log WHERE lsn = 3");
        using var reopened = Storage.OpenShard(collection, 1);
        var e = Assert.Throws<UserInputException>(() => reopened.OpenLog(CodeBytes, Dimension, 0, _ => { }));
        Assert.StartsWith("sigah_shard_log, PostgreSQL shard 1 of collection 'holes' ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("record 4 follows 2: records are missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_log_record_is_an_error_naming_it()
    {
        var collection = await Created("flipped");
        using (var store = Storage.OpenShard(collection, 0))
        {
            store.OpenLog(CodeBytes, Dimension, 0, _ => { });
            store.Append(Records(1, 4, seed: 14));
        }
        Execute("UPDATE sigah_shard_log SET record = set_byte(record, 30, get_byte(record, 30) # 1) WHERE lsn = 2");
        using var reopened = Storage.OpenShard(collection, 0);
        var e = Assert.Throws<UserInputException>(() => reopened.OpenLog(CodeBytes, Dimension, 0, _ => { }));
        Assert.Contains("collection 'flipped'", e.Message, StringComparison.Ordinal);
        Assert.Contains(": record 2 is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_newest_snapshot_is_kept_and_its_files_come_back_whole_from_many_parts()
    {
        var collection = await Created("parts");
        var records = Records(1, 40, seed: 15);
        var builder = new StateBuilder(CollectionState.Empty, CodeBytes, Dimension, sealRows: 16);
        using var store = Storage.OpenShard(collection, 0);
        store.OpenLog(CodeBytes, Dimension, 0, _ => { });
        store.Append(records[..20]);
        foreach (var record in records[..20]) builder.Apply(record);
        store.StartSnapshot();
        store.WriteSnapshot(builder.Build(20), Bits, Dimension);
        store.Append(records[20..]);
        foreach (var record in records[20..]) builder.Apply(record);
        store.StartSnapshot();
        store.WriteSnapshot(builder.Build(40), Bits, Dimension);

        Assert.Equal(40L, Scalar("SELECT min(lsn) FROM sigah_shard_snapshot"));
        Assert.Equal(40L, Scalar("SELECT max(lsn) FROM sigah_shard_snapshot"));
        Assert.True(Scalar("SELECT max(part)::bigint FROM sigah_shard_snapshot WHERE file LIKE '%.idx'") >= 1, "the index file spans several parts");
        var (segment, lsn) = store.ReadSnapshot(Bits, Dimension) ?? throw new Xunit.Sdk.XunitException("no snapshot");
        Assert.Equal(40, lsn);
        AssertRows(Reference(records), LiveRows([segment]));
    }

    [Fact]
    public async Task Deleting_a_collection_leaves_no_row_of_it()
    {
        var doomed = await Created("doomed");
        var kept = await Created("kept");
        foreach (var collection in new[] { doomed, kept })
        {
            var records = Records(1, 8, seed: 16);
            var builder = new StateBuilder(CollectionState.Empty, CodeBytes, Dimension, sealRows: 16);
            foreach (var record in records) builder.Apply(record);
            for (int shard = 0; shard < 2; shard++)
            {
                using var store = Storage.OpenShard(collection, shard);
                store.OpenLog(CodeBytes, Dimension, 0, _ => { });
                store.Append(records);
                store.WriteSnapshot(builder.Build(8), Bits, Dimension);
            }
        }
        const string Rows = "SELECT (SELECT count(*) FROM sigah_shard_owner WHERE collection = '{0}') + (SELECT count(*) FROM sigah_shard_log WHERE collection = '{0}')"
            + " + (SELECT count(*) FROM sigah_shard_snapshot WHERE collection = '{0}')";
        long before = Scalar(string.Format(CultureInfo.InvariantCulture, Rows, "kept"));
        Assert.True(before > 2 + 16);
        Assert.True(await Storage.DeleteAsync("doomed", doomed.Generation));
        Assert.Equal(0, Scalar(string.Format(CultureInfo.InvariantCulture, Rows, "doomed")));
        Assert.Equal(before, Scalar(string.Format(CultureInfo.InvariantCulture, Rows, "kept")));
    }

    [Fact]
    public async Task Silos_starting_together_create_the_tables_once()
    {
        string database = _server.CreateDatabase();
        var storages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new PostgresShardStorage(database))));
        try
        {
            var collection = NewCollection("shared");
            Assert.True((await storages[3].CreateAsync(collection)).Created);
            AssertSame(collection, (await storages[6].FindAsync("shared"))!);
        }
        finally
        {
            foreach (var storage in storages) storage.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        Assert.True(command.ExecuteNonQuery() > 0, $"{sql} changed nothing");
    }

    private long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }
}
