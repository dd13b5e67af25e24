namespace Sigah.Server;

/// <summary>
/// What <c>sigah serve</c> is started with. The limits bound what one request may ask for; they are documented in
/// docs/server.md and answered with a 413 or 400 problem naming the limit.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The data directory (collections, logs, snapshots); created when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Addresses to listen on; loopback unless told otherwise.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>A file of API keys (lines <c>read KEY</c> or <c>write KEY</c>), or null to ask for none.</summary>
    public string? ApiKeysFile { get; init; }

    /// <summary>Largest request body in bytes (default 256 MiB).</summary>
    public long MaxBodyBytes { get; init; } = 256L << 20;

    /// <summary>Most vectors one add request may carry (default 100,000).</summary>
    public int MaxVectorsPerRequest { get; init; } = 100_000;

    /// <summary>Most query vectors one search request may carry (default 1,000).</summary>
    public int MaxQueriesPerRequest { get; init; } = 1_000;

    /// <summary>Largest k (and re-ranking shortlist) a search may ask for.</summary>
    public int MaxK { get; init; } = 10_000;

    /// <summary>Requests served at once; more wait in a queue of the same size, and beyond it get 503 (default 256).</summary>
    public int MaxConcurrentRequests { get; init; } = 256;

    /// <summary>Rows in a growing segment before it is sealed into a searchable index of its own (default 16,384).</summary>
    public int SealRows { get; init; } = 16_384;

    /// <summary>Log bytes after which a snapshot is taken (default 256 MiB).</summary>
    public long SnapshotLogBytes { get; init; } = 256L << 20;

    /// <summary>Shards of a collection created without <c>?shards=</c> (a cluster's default; one node always holds one).</summary>
    public int DefaultShards { get; init; } = 1;

    /// <summary>Time after which a collection with changes is snapshotted (default 5 minutes).</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromMinutes(5);
}
