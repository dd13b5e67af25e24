namespace Sigah.Cluster.Storage;

/// <summary>
/// A shard store that another owner took since it was opened (its epoch was raised): nothing was written. Orleans
/// can briefly run two activations of a shard while membership changes (a silo died); the one fenced this way is the
/// stale one, and must leave so that calls reach the owner.
/// </summary>
internal sealed class ShardFencedException(string message) : IOException(message);

/// <summary>A shard store whose ownership can be taken by another opener without waiting (fencing instead of a lock).</summary>
internal interface IFencedShardStore
{
    /// <summary>True while no store opened since owns the shard.</summary>
    Task<bool> StillOwnsAsync(CancellationToken cancellationToken = default);
}
