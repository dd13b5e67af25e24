namespace Sigah.Cluster.Grains;

/// <summary>
/// One shard of a clustered collection (key <c>{collection}/{shard}</c>): the codes, ids and kept vectors of the ids
/// hashed to it, in a one-node collection whose state lives in the cluster's shared storage. Every call names the
/// collection generation the caller knows; a shard of another generation throws
/// <see cref="Storage.CollectionGoneException"/>.
/// </summary>
internal interface IShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces rows (codes: n × bits/8 bytes; vectors: n × d floats when kept); returns once durable.</summary>
    Task<ShardWrite> Upsert(Guid generation, long[] ids, byte[] codes, float[]? vectors);

    /// <summary>Removes ids; returns once durable.</summary>
    Task<ShardWrite> Delete(Guid generation, long[] ids);

    /// <summary>
    /// Each query's shortlist of <paramref name="length"/> rows in this shard (queries: <paramref name="count"/>
    /// codes back to back; vectors: count × d floats, with squared L2 distances when <paramref name="l2"/>).
    /// </summary>
    Task<ShardHits> Search(Guid generation, byte[] queries, int count, float[] vectors, int length, bool l2);

    /// <summary>The stored vector of <paramref name="id"/>, or null.</summary>
    Task<float[]?> FindVector(Guid generation, long id);

    /// <summary>The shard's sizes and the silo it lives on.</summary>
    Task<ShardStatus> Describe(Guid generation);

    /// <summary>Closes the shard's state (its collection is being deleted) and deactivates.</summary>
    Task Drop(Guid generation);
}

/// <summary>What a write did: ids added or removed, and the shard's live count after it.</summary>
[GenerateSerializer, Immutable]
internal sealed record ShardWrite([property: Id(0)] int Affected, [property: Id(1)] int Count);

/// <summary>
/// Per-query shortlists, flattened: query q's rows are <c>[Starts[q], Starts[q + 1])</c> of the id, Hamming and
/// squared-L2 arrays (L2 empty when not asked for).
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record ShardHits([property: Id(0)] int[] Starts, [property: Id(1)] long[] Ids, [property: Id(2)] int[] Distances, [property: Id(3)] double[] L2);

/// <summary>A shard's sizes, where it lives, and how its state is stored.</summary>
[GenerateSerializer, Immutable]
internal sealed record ShardStatus(
    [property: Id(0)] int Shard,
    [property: Id(1)] string Silo,
    [property: Id(2)] int Count,
    [property: Id(3)] int Deleted,
    [property: Id(4)] int Segments,
    [property: Id(5)] long MemoryBytes,
    [property: Id(6)] long StoredBytes,
    [property: Id(7)] long LogPosition);

/// <summary>A shard's write failed in its storage (full, unwritable, or fenced by a newer owner).</summary>
[GenerateSerializer]
internal sealed class ShardStorageException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>; <paramref name="diskFull"/> when the storage is full.</summary>
    public ShardStorageException(string message, bool diskFull) : base(message) => DiskFull = diskFull;

    /// <summary>True when the storage is full.</summary>
    [Id(0)]
    public bool DiskFull { get; }
}

/// <summary>
/// The activation that was asked is not the shard's owner any more (a newer activation took its storage) and is
/// leaving; the call may be retried, and reaches the owner.
/// </summary>
[GenerateSerializer]
internal sealed class ShardMovedException : Exception
{
    /// <summary>A stale activation's refusal described by <paramref name="message"/>.</summary>
    public ShardMovedException(string message) : base(message)
    {
    }
}
