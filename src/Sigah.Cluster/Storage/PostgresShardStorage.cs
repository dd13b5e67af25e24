namespace Sigah.Cluster.Storage;

/// <summary>Placeholder until the PostgreSQL storage lands.</summary>
internal sealed partial class PostgresShardStorage;
