using System.Globalization;

namespace Sigah.Cluster.Grains;

/// <summary>Which shard owns an id, and the grain keys of shards.</summary>
internal static class ShardMap
{
    /// <summary>
    /// The shard of <paramref name="id"/> among <paramref name="shards"/>: a 64-bit mix of the id (SplitMix64's
    /// finaliser) modulo the count, so runs of consecutive ids spread evenly.
    /// </summary>
    public static int Of(long id, int shards)
    {
        ulong z = (ulong)id;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)shards);
    }

    /// <summary>The grain key of shard <paramref name="shard"/> of collection <paramref name="collection"/>.</summary>
    public static string Key(string collection, int shard) => collection + "/" + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>The collection and shard of a grain key made by <see cref="Key"/>.</summary>
    public static (string Collection, int Shard) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
