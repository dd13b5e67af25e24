namespace Sigah.Server.Collections;

/// <summary>What a collection was created with (<c>collection.json</c>): whether it keeps vectors for L2 re-ranking.</summary>
internal sealed record CollectionSettings(bool Rerank);

/// <summary>How collections grow and persist (from the server's options).</summary>
internal sealed record CollectionTuning(int SealRows, long SnapshotLogBytes, TimeSpan SnapshotInterval, int MaxGroupCommit)
{
    /// <summary>The defaults: segments sealed at 16,384 rows, a snapshot per 256 MiB of log or per 5 minutes with changes.</summary>
    public static CollectionTuning Default { get; } = new(16_384, 256L << 20, TimeSpan.FromMinutes(5), 4096);
}
