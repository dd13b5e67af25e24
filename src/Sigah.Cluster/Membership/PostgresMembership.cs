using Npgsql;

namespace Sigah.Cluster.Membership;

/// <summary>
/// The PostgreSQL side of Orleans' ADO.NET clustering (invariant <c>"Npgsql"</c>). The provider ships no SQL: it reads
/// its statements by key from the table <c>OrleansQuery</c> and expects the membership tables to exist, so every silo
/// creates them here before it starts. The provider loads <c>Npgsql.NpgsqlFactory.Instance</c> from the Npgsql assembly
/// by reflection (it does not consult <see cref="System.Data.Common.DbProviderFactories"/>), so no factory needs
/// registering; the package reference that deploys <c>Npgsql.dll</c> is enough.
/// </summary>
internal static class PostgresMembership
{
    /// <summary>The provider's invariant name for PostgreSQL.</summary>
    public const string Invariant = "Npgsql";

    // Any constant the cluster's other advisory locks do not use: "SigahMem" in ASCII.
    private const long SchemaLock = 0x53_69_67_61_68_4D_65_6D;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey varchar(64) PRIMARY KEY,
            QueryText text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            deployment_id text PRIMARY KEY,
            version integer NOT NULL DEFAULT 0,
            changed_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS orleans_membership (
            deployment_id text NOT NULL REFERENCES orleans_membership_version ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            suspect_times text,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );
        """;

    private const string UpsertQueries = """
        INSERT INTO OrleansQuery (QueryKey, QueryText) SELECT * FROM unnest(@keys, @texts)
        ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText
        WHERE OrleansQuery.QueryText IS DISTINCT FROM excluded.QueryText
        """;

    /// <summary>
    /// Creates the membership tables when missing and writes our statements into <c>OrleansQuery</c>, replacing older
    /// versions of them (other keys, such as another provider's, are left alone). Idempotent; silos starting together
    /// queue on a transaction-scoped advisory lock, since concurrent <c>CREATE TABLE IF NOT EXISTS</c> can still collide.
    /// </summary>
    public static async Task EnsureSchemaAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            command.Parameters.AddWithValue("lock", SchemaLock);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var command = new NpgsqlCommand(Tables, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(UpsertQueries, connection, transaction))
        {
            command.Parameters.AddWithValue("keys", MembershipQueries.All.Select(q => q.Key).ToArray());
            command.Parameters.AddWithValue("texts", MembershipQueries.All.Select(q => q.Text).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
