using System.Collections;
using Npgsql;
using NpgsqlTypes;
using Sigah.Core.Codes;

namespace Sigah.Bench.ServeLoad;

/// <summary>
/// PostgreSQL holding the same codes in <c>codes (id bigint primary key, code bit(m))</c>, searched exactly as the
/// server ranks: by Hamming distance (<c>bit_count(code # q)</c>), ties by the smaller id. Each loop has its own
/// connection with prepared statements, as a pooled application would.
/// </summary>
internal sealed class PostgresTarget(NpgsqlDataSource source, PackedCodes queryCodes) : ITarget
{
    // Bit j of a Sigah code (bit j % 8 of byte j / 8) is position j of the bit string: BitArray's order over bytes,
    // and the order the script writes the base codes in.
    private readonly BitArray[] _codes = [.. Enumerable.Range(0, queryCodes.Count).Select(q => new BitArray(queryCodes.Code(q).ToArray()))];

    public string Name => "postgres";

    public async Task<long> CountAsync()
    {
        await using var command = source.CreateCommand("SELECT count(*) FROM codes");
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public async Task<IClient> ConnectAsync()
    {
        var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        var client = new Client(connection, _codes);
        await client.PrepareAsync().ConfigureAwait(false);
        return client;
    }

    public async ValueTask DisposeAsync() => await source.DisposeAsync().ConfigureAwait(false);

    private sealed class Client : IClient
    {
        private readonly NpgsqlConnection _connection;
        private readonly BitArray[] _codes;
        private readonly NpgsqlCommand _search, _insert, _delete;

        public Client(NpgsqlConnection connection, BitArray[] codes)
        {
            _connection = connection;
            _codes = codes;
            _search = new NpgsqlCommand("SELECT id, bit_count(code # $1) FROM codes ORDER BY 2, id LIMIT 10", connection);
            _search.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bit });
            _insert = new NpgsqlCommand("INSERT INTO codes (id, code) VALUES ($1, $2)", connection);
            _insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            _insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bit });
            _delete = new NpgsqlCommand("DELETE FROM codes WHERE id = $1", connection);
            _delete.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        }

        public async Task PrepareAsync()
        {
            foreach (var command in new[] { _search, _insert, _delete }) await command.PrepareAsync().ConfigureAwait(false);
        }

        public async Task SearchAsync(int query)
        {
            _search.Parameters[0].Value = _codes[query];
            await using var reader = await _search.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false)) { }
        }

        public async Task<(long[] Ids, int[] Distances)> AnswerAsync(int query)
        {
            _search.Parameters[0].Value = _codes[query];
            var ids = new List<long>();
            var distances = new List<int>();
            await using var reader = await _search.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                ids.Add(reader.GetInt64(0));
                distances.Add(checked((int)reader.GetInt64(1)));
            }
            return ([.. ids], [.. distances]);
        }

        public async Task AddAsync(long id, int query)
        {
            _insert.Parameters[0].Value = id;
            _insert.Parameters[1].Value = _codes[query];
            await _insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        public async Task DeleteAsync(long id)
        {
            _delete.Parameters[0].Value = id;
            await _delete.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _search, _insert, _delete }) await command.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
