using Sigah.Server;

namespace Sigah.Cluster.Hosting;

/// <summary>Where the shards of a cluster keep their state (<c>--storage</c>).</summary>
internal enum ShardStorageKind
{
    /// <summary>A directory every silo mounts: <c>{data}/cluster</c>.</summary>
    Directory,

    /// <summary>Tables in the cluster's PostgreSQL database (the membership's connection).</summary>
    Postgres,
}

/// <summary>What <c>sigah serve --cluster</c> is started with.</summary>
internal sealed record ClusterNodeOptions
{
    /// <summary>The value of <c>--cluster</c> that runs a one-process development cluster without PostgreSQL.</summary>
    public const string Localhost = "localhost";

    /// <summary>The HTTP API's options (the data directory, limits, URLs).</summary>
    public required ServerOptions Server { get; init; }

    /// <summary>An Npgsql connection string to the membership database, or <see cref="Localhost"/>.</summary>
    public required string Connection { get; init; }

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port clients (<c>sigah ingest</c>) reach the silo on.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this one at.</summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary>The cluster's name: silos with the same name and database form one cluster.</summary>
    public string ClusterId { get; init; } = "sigah";

    /// <summary>Where shard state lives.</summary>
    public ShardStorageKind Storage { get; init; } = ShardStorageKind.Directory;

    /// <summary>True for the one-process development cluster.</summary>
    public bool IsLocalhost => string.Equals(Connection, Localhost, StringComparison.Ordinal);
}
