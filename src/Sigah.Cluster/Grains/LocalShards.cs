using System.Collections.Concurrent;
using Sigah.Server.Collections;

namespace Sigah.Cluster.Grains;

/// <summary>The shards active on this silo (for its <c>/metrics</c>): each one's collection and metric tags.</summary>
internal sealed class LocalShards
{
    private readonly ConcurrentDictionary<string, MeteredCollection> _shards = new(StringComparer.Ordinal);

    /// <summary>Every active shard, by key.</summary>
    public IEnumerable<MeteredCollection> All => _shards.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value);

    /// <summary>Records shard <paramref name="key"/> as active here.</summary>
    public void Add(string key, MeteredCollection shard) => _shards[key] = shard;

    /// <summary>Records shard <paramref name="key"/> as gone from here.</summary>
    public void Remove(string key) => _shards.TryRemove(key, out _);
}
