using System.Data;
using Npgsql;
using NpgsqlTypes;
using Sigah.Core;

namespace Sigah.Cluster.Storage;

/// <summary>
/// A shard's snapshot files as <c>sigah_shard_snapshot</c> rows: (lsn, file name, part number, bytes), parts small
/// enough for one bytea each. One lsn's rows are one snapshot; the newest lsn is the one in force.
/// </summary>
internal static class PostgresSnapshotFiles
{
    private const string Key = PostgresShardStore.Key;

    /// <summary>
    /// Stores every file of <paramref name="directory"/> as the snapshot at <paramref name="lsn"/>, in
    /// <paramref name="transaction"/>, replacing the snapshots at or before it (the commit switches them at once).
    /// </summary>
    public static void Upload(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresShardStore store, string directory, long lsn, int partBytes)
    {
        using (var older = store.Command(connection, transaction, "DELETE FROM sigah_shard_snapshot WHERE " + Key + " AND lsn <= @lsn"))
        {
            older.Parameters.AddWithValue("lsn", lsn);
            older.ExecuteNonQuery();
        }
        using var insert = store.Command(connection, transaction,
            "INSERT INTO sigah_shard_snapshot (collection, generation, shard, lsn, file, part, data) VALUES (@collection, @generation, @shard, @lsn, @file, @part, @data)");
        insert.Parameters.AddWithValue("lsn", lsn);
        var file = insert.Parameters.Add("file", NpgsqlDbType.Text);
        var part = insert.Parameters.Add("part", NpgsqlDbType.Integer);
        var data = new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea);
        insert.Parameters.Add(data);
        byte[] buffer = new byte[partBytes];
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            file.Value = Path.GetFileName(path);
            using var stream = File.OpenRead(path);
            // Always at least one part, so that an empty file is stored too.
            for (int number = 0; ; number++)
            {
                int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                part.Value = number;
                data.TypedValue = buffer.AsMemory(0, read);
                insert.ExecuteNonQuery();
                if (read < buffer.Length) break;
            }
        }
    }

    /// <summary>Writes the newest snapshot's files into <paramref name="directory"/>; false when the shard has none.</summary>
    public static bool Download(NpgsqlConnection connection, PostgresShardStore store, string directory)
    {
        // One transaction's view: a snapshot replaced meanwhile is still read whole.
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        var parts = new List<(long Lsn, string File, int Part)>();
        using (var list = store.Command(connection, transaction, "SELECT lsn, file, part FROM sigah_shard_snapshot WHERE " + Key
            + " AND lsn = (SELECT max(lsn) FROM sigah_shard_snapshot WHERE " + Key + ") ORDER BY file, part"))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read()) parts.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        }
        if (parts.Count == 0) return false;
        // Parts are fetched one by one so that no single command moves more than a part (the command timeout applies to each).
        using var fetch = store.Command(connection, transaction,
            "SELECT data FROM sigah_shard_snapshot WHERE " + Key + " AND lsn = @lsn AND file = @file AND part = @part");
        var lsn = fetch.Parameters.Add("lsn", NpgsqlDbType.Bigint);
        var file = fetch.Parameters.Add("file", NpgsqlDbType.Text);
        var part = fetch.Parameters.Add("part", NpgsqlDbType.Integer);
        FileStream? output = null;
        try
        {
            for (int i = 0; i < parts.Count; i++)
            {
                var (at, name, number) = parts[i];
                if (number == 0)
                {
                    if (name.Length == 0 || Path.GetFileName(name) != name || name is "." or "..")
                        throw new UserInputException($"sigah_shard_snapshot, {store.Location}: '{name}' is not a snapshot file name");
                    output?.Dispose();
                    output = new FileStream(Path.Combine(directory, name), FileMode.CreateNew, FileAccess.Write);
                }
                else if (output is null || parts[i - 1].File != name || parts[i - 1].Part != number - 1)
                {
                    throw new UserInputException($"sigah_shard_snapshot, {store.Location}: part {number} of '{name}' does not follow the one before it");
                }
                lsn.Value = at;
                file.Value = name;
                part.Value = number;
                using var reader = fetch.ExecuteReader(CommandBehavior.SequentialAccess);
                reader.Read();
                using var data = reader.GetStream(0);
                data.CopyTo(output);
            }
            output!.Flush();
        }
        finally
        {
            output?.Dispose();
        }
        return true;
    }
}
