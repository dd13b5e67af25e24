using Npgsql;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Storage;

/// <summary>
/// The cluster's storage as tables in its PostgreSQL database: <c>sigah_collections</c> (the catalog),
/// <c>sigah_shard_owner</c> (each shard's owner epoch, for fencing), <c>sigah_shard_log</c> (one row per log record)
/// and <c>sigah_shard_snapshot</c> (snapshot files in parts). Shard rows are keyed by the collection's generation
/// as well as its name, so a collection created again under a deleted one's name never sees the old rows. Every
/// silo shares the database, so a shard reopens anywhere without a shared file system.
/// </summary>
internal sealed class PostgresShardStorage : IShardStorage, IDisposable
{
    /// <summary>Largest snapshot part in one row: far below PostgreSQL's 1 GiB field limit, and cheap to hold in memory.</summary>
    public const int SnapshotPartBytes = 64 << 20;

    // Any fixed key: silos starting together take turns creating the tables (concurrent CREATE TABLE IF NOT EXISTS can fail).
    private const long SchemaLockKey = 0x5349_4741_4853_4348;

    private const string Schema = """
        SELECT pg_advisory_xact_lock(@lock);
        CREATE TABLE IF NOT EXISTS sigah_collections (
            name text PRIMARY KEY, generation uuid NOT NULL, model bytea NOT NULL, rerank boolean NOT NULL, shards integer NOT NULL);
        CREATE TABLE IF NOT EXISTS sigah_shard_owner (
            collection text NOT NULL, generation uuid NOT NULL, shard integer NOT NULL, epoch bigint NOT NULL,
            PRIMARY KEY (collection, generation, shard));
        CREATE TABLE IF NOT EXISTS sigah_shard_log (
            collection text NOT NULL, generation uuid NOT NULL, shard integer NOT NULL, lsn bigint NOT NULL, record bytea NOT NULL,
            PRIMARY KEY (collection, generation, shard, lsn));
        CREATE TABLE IF NOT EXISTS sigah_shard_snapshot (
            collection text NOT NULL, generation uuid NOT NULL, shard integer NOT NULL, lsn bigint NOT NULL,
            file text NOT NULL, part integer NOT NULL, data bytea NOT NULL,
            PRIMARY KEY (collection, generation, shard, lsn, file, part));
        """;

    private const string Columns = "SELECT name, generation, model, rerank, shards FROM sigah_collections";

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _partBytes;

    /// <summary>The tables in the database <paramref name="connectionString"/> names, created when missing.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="partBytes">Snapshot part size (smaller only in tests, to see files split).</param>
    public PostgresShardStorage(string connectionString, int partBytes = SnapshotPartBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partBytes);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}";
        _partBytes = partBytes;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var command = new NpgsqlCommand(Schema, connection, transaction);
            command.Parameters.AddWithValue("lock", SchemaLockKey);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public async Task<ClusterCollection?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(Columns + " WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ClusterCollection>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(Columns);
        // Sorted here, not by the database's collation, to order names as the directory storage does.
        return [.. (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<(bool Created, ClusterCollection Collection)> CreateAsync(ClusterCollection collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        while (true)
        {
            await using (var insert = _dataSource.CreateCommand("""
                INSERT INTO sigah_collections (name, generation, model, rerank, shards) VALUES (@name, @generation, @model, @rerank, @shards)
                ON CONFLICT (name) DO NOTHING
                """))
            {
                insert.Parameters.AddWithValue("name", collection.Name);
                insert.Parameters.AddWithValue("generation", collection.Generation);
                insert.Parameters.AddWithValue("model", collection.Model);
                insert.Parameters.AddWithValue("rerank", collection.Rerank);
                insert.Parameters.AddWithValue("shards", collection.Shards);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1) return (true, collection);
            }
            // Lost to another create; if the winner is deleted before we read it, the name is free again: try once more.
            if (await FindAsync(collection.Name, cancellationToken).ConfigureAwait(false) is { } winner) return (false, winner);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string name, Guid generation, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var catalog = new NpgsqlCommand("DELETE FROM sigah_collections WHERE name = @name AND generation = @generation", connection, transaction))
        {
            catalog.Parameters.AddWithValue("name", name);
            catalog.Parameters.AddWithValue("generation", generation);
            if (await catalog.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0) return false;
        }
        await using (var shards = new NpgsqlCommand("""
            DELETE FROM sigah_shard_owner WHERE collection = @name AND generation = @generation;
            DELETE FROM sigah_shard_log WHERE collection = @name AND generation = @generation;
            DELETE FROM sigah_shard_snapshot WHERE collection = @name AND generation = @generation;
            """, connection, transaction))
        {
            shards.Parameters.AddWithValue("name", name);
            shards.Parameters.AddWithValue("generation", generation);
            await shards.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>Takes the shard by raising its epoch: a store opened before is fenced from then on.</remarks>
    public ICollectionStore OpenShard(ClusterCollection collection, int shard)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // FOR SHARE: a concurrent delete waits for this, or this sees it done, so no owner row outlives its collection.
        using (var exists = new NpgsqlCommand("SELECT 1 FROM sigah_collections WHERE name = @name AND generation = @generation FOR SHARE", connection, transaction))
        {
            exists.Parameters.AddWithValue("name", collection.Name);
            exists.Parameters.AddWithValue("generation", collection.Generation);
            if (exists.ExecuteScalar() is null) throw new CollectionGoneException(collection.Name);
        }
        using var take = new NpgsqlCommand("""
            INSERT INTO sigah_shard_owner (collection, generation, shard, epoch) VALUES (@name, @generation, @shard, 1)
            ON CONFLICT (collection, generation, shard) DO UPDATE SET epoch = sigah_shard_owner.epoch + 1
            RETURNING epoch
            """, connection, transaction);
        take.Parameters.AddWithValue("name", collection.Name);
        take.Parameters.AddWithValue("generation", collection.Generation);
        take.Parameters.AddWithValue("shard", shard);
        long epoch = (long)take.ExecuteScalar()!;
        transaction.Commit();
        return new PostgresShardStore(_dataSource, collection, shard, epoch, _partBytes);
    }

    /// <summary>Closes the pooled connections; stores opened from this storage stop working.</summary>
    public void Dispose() => _dataSource.Dispose();

    private static async Task<List<ClusterCollection>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<ClusterCollection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            found.Add(new ClusterCollection(reader.GetString(0), reader.GetGuid(1), reader.GetFieldValue<byte[]>(2), reader.GetBoolean(3), reader.GetInt32(4)));
        return found;
    }
}
