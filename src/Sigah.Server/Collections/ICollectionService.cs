using Sigah.Core.Codes;
using Sigah.Hashing;
using Sigah.Server.Api;

namespace Sigah.Server.Collections;

/// <summary>
/// The collections the HTTP API serves: one node's <see cref="CollectionRegistry"/>, or a cluster's sharded
/// collections. The routes (<see cref="CollectionEndpoints"/>) are written once against this, so a client cannot
/// tell one node from a cluster.
/// </summary>
internal interface ICollectionService
{
    /// <summary>Every collection, by name.</summary>
    Task<IReadOnlyList<IServedCollection>> ListAsync();

    /// <summary>The collection named <paramref name="name"/>, or null.</summary>
    Task<IServedCollection?> FindAsync(string name);

    /// <summary>Creates <paramref name="name"/> from <paramref name="modelBytes"/> (already checked to parse) in <paramref name="shards"/> shards where that means something.</summary>
    Task<(CreateOutcome Outcome, IServedCollection Collection)> CreateAsync(string name, byte[] modelBytes, CollectionSettings settings, int shards);

    /// <summary>Deletes <paramref name="name"/> and its state; false when there is no such collection.</summary>
    Task<bool> DeleteAsync(string name);

    /// <summary>The collections (or shards) this process holds, with the metric tags that name them.</summary>
    IEnumerable<MeteredCollection> Local { get; }
}

/// <summary>A collection held by this process and the tags its metrics carry (its name; a shard's number too).</summary>
internal sealed record MeteredCollection(Collection Collection, KeyValuePair<string, object?>[] Tags);

/// <summary>One served collection: its model and settings, and its reads and writes (writes complete once durable).</summary>
internal interface IServedCollection
{
    /// <summary>The collection's name.</summary>
    string Name { get; }

    /// <summary>The model that encodes its vectors.</summary>
    IHashModel Model { get; }

    /// <summary>What it was created with.</summary>
    CollectionSettings Settings { get; }

    /// <summary>What <c>GET /collections/{name}</c> answers.</summary>
    Task<CollectionInfo> DescribeAsync();

    /// <summary>Adds or replaces rows (codes: n × bits/8 bytes; vectors: n × d floats when kept, else null).</summary>
    Task<WriteOutcome> UpsertAsync(long[] ids, byte[] codes, float[]? vectors);

    /// <summary>Removes ids.</summary>
    Task<WriteOutcome> DeleteAsync(long[] ids);

    /// <summary>Exact k-NN of each query code (see <see cref="CollectionSearch"/>); <paramref name="vectors"/> are the query vectors, q × d floats.</summary>
    Task<Neighbours[]> SearchAsync(PackedCodes queries, float[] vectors, int k, int rerank, int? radius);

    /// <summary>The stored vector of <paramref name="id"/>, or null when the collection holds no such id.</summary>
    Task<float[]?> FindVectorAsync(long id);
}
