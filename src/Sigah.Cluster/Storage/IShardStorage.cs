using Sigah.Server.Storage;

namespace Sigah.Cluster.Storage;

/// <summary>
/// The storage every silo of a cluster reaches: the catalog of clustered collections and each shard's durable state
/// (an <see cref="ICollectionStore"/>), so a shard whose silo died reopens on another silo. Two implementations:
/// <see cref="DirectoryShardStorage"/> (a directory on one machine or a network file system) and
/// <see cref="PostgresShardStorage"/> (tables in the cluster's PostgreSQL database). Thread-safe.
/// </summary>
internal interface IShardStorage
{
    /// <summary>What and where the storage is, for logs and <c>GET /cluster</c>.</summary>
    string Description { get; }

    /// <summary>The collection named <paramref name="name"/>, or null.</summary>
    Task<ClusterCollection?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every collection, ordered by name.</summary>
    Task<IReadOnlyList<ClusterCollection>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="collection"/> unless one of that name exists: returns true and it when created, false
    /// and the existing one otherwise. Atomic across silos.
    /// </summary>
    Task<(bool Created, ClusterCollection Collection)> CreateAsync(ClusterCollection collection, CancellationToken cancellationToken = default);

    /// <summary>Removes the collection of generation <paramref name="generation"/> and all its shards' state; false when it does not exist.</summary>
    Task<bool> DeleteAsync(string name, Guid generation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens shard <paramref name="shard"/> of <paramref name="collection"/> for one owner: a store opened by another
    /// owner since is fenced (its appends fail) or this call fails until that owner is gone, so two activations of a
    /// shard never both write.
    /// </summary>
    ICollectionStore OpenShard(ClusterCollection collection, int shard);
}
