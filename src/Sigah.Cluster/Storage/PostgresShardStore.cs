using Npgsql;
using NpgsqlTypes;
using Sigah.Core;
using Sigah.Server.Collections;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Storage;

/// <summary>
/// One shard's state in <see cref="PostgresShardStorage"/>'s tables: a <c>sigah_shard_log</c> row per record (the
/// bytes <see cref="LogRecord.WriteTo"/> writes) and the newest snapshot's files in <c>sigah_shard_snapshot</c>.
/// Snapshots go through a private temporary directory, so the file format stays <see cref="Snapshot"/>'s. Every
/// write runs in a transaction that first checks, holding the owner row, that the shard's epoch is still the one
/// this store was opened with: once another silo opened the shard, this store's writes fail and leave nothing.
/// Database failures surface as <see cref="IOException"/>s, which the collection reports as failed writes.
/// </summary>
internal sealed class PostgresShardStore : ICollectionStore, IFencedShardStore
{
    /// <summary>The condition selecting this shard's rows (the parameters <see cref="Command"/> binds).</summary>
    internal const string Key = "collection = @collection AND generation = @generation AND shard = @shard";

    // FOR SHARE: appends and a snapshot upload run side by side; taking the shard (an UPDATE) waits for both.
    private const string Owner = "SELECT epoch, (SELECT max(lsn) FROM sigah_shard_log WHERE " + Key + ") FROM sigah_shard_owner WHERE " + Key + " FOR SHARE";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _collection;
    private readonly Guid _generation;
    private readonly int _shard, _partBytes;
    private readonly long _epoch;
    private bool _logOpen, _disposed;

    /// <summary>Shard <paramref name="shard"/> of <paramref name="collection"/>, owned under <paramref name="epoch"/>.</summary>
    public PostgresShardStore(NpgsqlDataSource dataSource, ClusterCollection collection, int shard, long epoch, int partBytes)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _dataSource = dataSource;
        _collection = collection.Name;
        _generation = collection.Generation;
        _shard = shard;
        _epoch = epoch;
        _partBytes = partBytes;
    }

    /// <inheritdoc/>
    public string Location => $"PostgreSQL shard {_shard} of collection '{_collection}' (generation {_generation})";

    /// <inheritdoc/>
    public long LastLsn { get; private set; }

    /// <inheritdoc/>
    public long LogBytes { get; private set; }

    /// <inheritdoc/>
    public long StoredBytes => Run("measuring the stored state", connection =>
    {
        using var command = Command(connection, null, "SELECT (SELECT coalesce(sum(octet_length(record)), 0) FROM sigah_shard_log WHERE " + Key
            + ") + (SELECT coalesce(sum(octet_length(data)), 0) FROM sigah_shard_snapshot WHERE " + Key + ")");
        return (long)command.ExecuteScalar()!;
    });

    /// <inheritdoc/>
    public (SealedSegment Segment, long Lsn)? ReadSnapshot(int bits, int dimension)
    {
        string directory = Directory.CreateTempSubdirectory("sigah-shard-").FullName;
        try
        {
            return Run("reading the snapshot", connection => PostgresSnapshotFiles.Download(connection, this, directory))
                ? Snapshot.Read(directory, bits, dimension)
                : null;
        }
        finally
        {
            // The index stays memory-mapped: removing its file is fine on Unix (the data goes when it is unmapped).
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <inheritdoc/>
    public void OpenLog(int codeBytes, int dimension, long afterLsn, Action<LogRecord> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        long last = afterLsn, bytes = 0;
        Run("replaying the log", connection =>
        {
            using var command = Command(connection, null, "SELECT lsn, record FROM sigah_shard_log WHERE " + Key + " AND lsn > @after ORDER BY lsn");
            command.Parameters.AddWithValue("after", afterLsn);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                long lsn = reader.GetInt64(0);
                byte[] stored = reader.GetFieldValue<byte[]>(1);
                if (lsn != last + 1) throw new UserInputException($"sigah_shard_log, {Location}: record {lsn} follows {last}: records are missing");
                var record = LogRecord.TryRead(stored, codeBytes, dimension, out int size);
                if (record is null || record.Lsn != lsn || size != stored.Length)
                    throw new UserInputException($"sigah_shard_log, {Location}: record {lsn} is damaged or was written for another code size or vector dimension");
                apply(record);
                last = lsn;
                bytes += size;
            }
            return 0;
        });
        LastLsn = last;
        LogBytes = bytes;
        _logOpen = true;
    }

    /// <inheritdoc/>
    public void Append(IReadOnlyList<LogRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!_logOpen) throw new InvalidOperationException("the log is not open");
        long bytes = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i].Lsn != LastLsn + 1 + i) throw new ArgumentException($"record {records[i].Lsn} is not number {LastLsn + 1 + i}", nameof(records));
            bytes += records[i].Size;
        }
        if (records.Count == 0) return;
        Run("the append", connection =>
        {
            using var transaction = connection.BeginTransaction();
            Fence(connection, transaction, checkLog: true);
            using (var importer = connection.BeginBinaryImport("COPY sigah_shard_log (collection, generation, shard, lsn, record) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var record in records)
                {
                    byte[] framed = new byte[record.Size];
                    record.WriteTo(framed);
                    importer.StartRow();
                    importer.Write(_collection, NpgsqlDbType.Text);
                    importer.Write(_generation, NpgsqlDbType.Uuid);
                    importer.Write(_shard, NpgsqlDbType.Integer);
                    importer.Write(record.Lsn, NpgsqlDbType.Bigint);
                    importer.Write(framed, NpgsqlDbType.Bytea);
                }
                importer.Complete();
            }
            transaction.Commit();
            return 0;
        });
        LastLsn += records.Count;
        LogBytes += bytes;
    }

    /// <inheritdoc/>
    /// <remarks>Records are rows, so nothing needs starting: only the count of bytes a snapshot would save restarts.</remarks>
    public void StartSnapshot() => LogBytes = 0;

    /// <inheritdoc/>
    public void WriteSnapshot(CollectionState state, int bits, int dimension)
    {
        ArgumentNullException.ThrowIfNull(state);
        string directory = Directory.CreateTempSubdirectory("sigah-shard-").FullName;
        try
        {
            Snapshot.Write(directory, state, bits, dimension);
            Run("writing the snapshot", connection =>
            {
                using var transaction = connection.BeginTransaction();
                Fence(connection, transaction, checkLog: false);
                PostgresSnapshotFiles.Upload(connection, transaction, this, directory, state.Lsn, _partBytes);
                transaction.Commit();
                return 0;
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <inheritdoc/>
    public void DropLogUpTo(long lsn) => Run("dropping log records", connection =>
    {
        using var transaction = connection.BeginTransaction();
        Fence(connection, transaction, checkLog: false);
        using var command = Command(connection, transaction, "DELETE FROM sigah_shard_log WHERE " + Key + " AND lsn <= @lsn");
        command.Parameters.AddWithValue("lsn", lsn);
        command.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    /// <inheritdoc/>
    /// <remarks>Nothing to release: the connections belong to the storage's pool, and ownership ends when another store raises the epoch.</remarks>
    public void Dispose() => _disposed = true;

    /// <summary>A command on this shard's rows: <c>@collection</c>, <c>@generation</c> and <c>@shard</c> are bound.</summary>
    internal NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("collection", _collection);
        command.Parameters.AddWithValue("generation", _generation);
        command.Parameters.AddWithValue("shard", _shard);
        return command;
    }

    /// <inheritdoc/>
    public async Task<bool> StillOwnsAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT epoch FROM sigah_shard_owner WHERE " + Key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long epoch && epoch == _epoch;
    }

    /// <summary>Throws unless this store still owns the shard (and, with <paramref name="checkLog"/>, the log ends where it thinks).</summary>
    private void Fence(NpgsqlConnection connection, NpgsqlTransaction transaction, bool checkLog)
    {
        using var command = Command(connection, transaction, Owner);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new IOException($"{Location}: the collection was deleted; nothing was written");
        long epoch = reader.GetInt64(0);
        if (epoch != _epoch)
            throw new ShardFencedException($"{Location}: another owner took the shard (its epoch is {epoch}, this store's {_epoch}); nothing was written");
        // A commit whose answer was lost may have happened: appending after it would number records twice.
        if (checkLog && !reader.IsDBNull(1) && reader.GetInt64(1) > LastLsn)
            throw new IOException($"{Location}: the log holds records after {LastLsn} that this store did not see committed; reopen the shard");
    }

    private T Run<T>(string what, Func<NpgsqlConnection, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = _dataSource.OpenConnection();
            return action(connection);
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"{Location}: {what} failed: {e.Message}", e);
        }
    }
}
