using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sigah.Cluster.Grains;
using Sigah.Cluster.Storage;
using Sigah.Hashing;
using Sigah.Server.Collections;

namespace Sigah.Cluster.Api;

/// <summary>
/// The cluster's collections as one node serves them: the catalog in the shared storage, each collection's model
/// parsed once per node and kept, and the shards as grains. A description kept here may be stale (the collection
/// deleted or created again through another node); the shards then refuse the call and it is forgotten.
/// </summary>
internal sealed class ClusterCollections(IShardStorage storage, IGrainFactory grains, LocalShards local, ILogger logger) : ICollectionService
{
    private readonly ConcurrentDictionary<string, ClusteredCollection> _known = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<MeteredCollection> Local => local.All;

    /// <summary>The storage the shards keep their state in.</summary>
    public IShardStorage Storage => storage;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IServedCollection>> ListAsync()
    {
        var all = await storage.ListAsync().ConfigureAwait(false);
        foreach (string name in _known.Keys.Except(all.Select(c => c.Name))) Forget(name);
        return [.. all.Select(Known)];
    }

    /// <inheritdoc/>
    public async Task<IServedCollection?> FindAsync(string name)
    {
        if (_known.TryGetValue(name, out var known)) return known;
        return await storage.FindAsync(name).ConfigureAwait(false) is { } description ? Known(description) : null;
    }

    /// <inheritdoc/>
    public async Task<(CreateOutcome Outcome, IServedCollection Collection)> CreateAsync(string name, byte[] modelBytes, CollectionSettings settings, int shards)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wanted = new ClusterCollection(name, Guid.NewGuid(), modelBytes, settings.Rerank, shards);
        var (created, stored) = await storage.CreateAsync(wanted).ConfigureAwait(false);
        var outcome = created ? CreateOutcome.Created : stored.SameAs(wanted) ? CreateOutcome.Unchanged : CreateOutcome.Conflict;
        return (outcome, Known(stored));
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string name)
    {
        if (await storage.FindAsync(name).ConfigureAwait(false) is not { } description) return false;
        try
        {
            await Known(description).DropAsync().ConfigureAwait(false);
        }
        catch (Sigah.Server.Api.ApiProblem)
        {
            // A shard that cannot be reached holds nothing open that matters: its state goes with the storage below.
        }
        Forget(name);
        return await storage.DeleteAsync(name, description.Generation).ConfigureAwait(false);
    }

    /// <summary>Drops what this node keeps of <paramref name="name"/>.</summary>
    public void Forget(string name) => _known.TryRemove(name, out _);

    private ClusteredCollection Known(ClusterCollection description)
    {
        if (_known.TryGetValue(description.Name, out var known) && known.Description.Generation == description.Generation) return known;
        var model = ModelFile.FromBytes(description.Model, $"the model of collection '{description.Name}'");
        return _known[description.Name] = new ClusteredCollection(description, model, grains, Forget, logger);
    }
}
