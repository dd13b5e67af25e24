namespace Sigah.Cluster.Storage;

/// <summary>
/// A clustered collection as the catalog records it: its model file's bytes, whether it keeps vectors, its shard
/// count, and a generation that changes when a collection of the same name is created again (so a node holding an
/// older description in its cache learns it is stale).
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record ClusterCollection(
    [property: Id(0)] string Name,
    [property: Id(1)] Guid Generation,
    [property: Id(2)] byte[] Model,
    [property: Id(3)] bool Rerank,
    [property: Id(4)] int Shards)
{
    /// <summary>True when <paramref name="other"/> was created from the same model with the same settings.</summary>
    public bool SameAs(ClusterCollection other) =>
        other is not null && Rerank == other.Rerank && Shards == other.Shards && Model.AsSpan().SequenceEqual(other.Model);
}
