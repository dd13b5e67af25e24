using System.Net;
using Orleans.Runtime;
using Sigah.Cluster.Grains;
using Sigah.Cluster.Placement;

namespace Sigah.Cluster.Tests;

/// <summary>Where shards live: spread evenly, the same on every node, and moved only as far as a membership change needs.</summary>
public sealed class SpreadPlacementTests
{
    private static SiloAddress[] Silos(int n) => [.. Enumerable.Range(0, n).Select(i => SiloAddress.New(IPAddress.Loopback, 11111 + i, 1))];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(6, 3)]
    [InlineData(7, 3)]
    [InlineData(8, 5)]
    [InlineData(64, 7)]
    public void Shards_spread_over_silos_within_one_of_each_other(int shards, int silos)
    {
        var homes = Enumerable.Range(0, shards).Select(s => SpreadPlacement.Home(ShardMap.Key("c", s), Silos(silos))).ToArray();
        var perSilo = Silos(silos).Select(silo => homes.Count(h => h.Equals(silo))).ToArray();
        Assert.Equal(shards, perSilo.Sum());
        Assert.True(perSilo.Max() - perSilo.Min() <= 1, string.Join(",", perSilo));
    }

    [Fact]
    public void Every_node_computes_the_same_home_whatever_order_it_sees_the_silos_in()
    {
        var silos = Silos(4);
        for (int s = 0; s < 20; s++)
            Assert.Equal(SpreadPlacement.Home(ShardMap.Key("orders", s), silos), SpreadPlacement.Home(ShardMap.Key("orders", s), [.. silos.Reverse()]));
    }

    [Fact]
    public void Ingest_workers_land_one_per_silo()
    {
        var silos = Silos(3);
        var homes = Enumerable.Range(0, 3).Select(i => SpreadPlacement.Home(ShardMap.Key("ingest", i), silos)).ToHashSet();
        Assert.Equal(3, homes.Count);
    }

    [Fact]
    public void Ids_hash_evenly_and_a_key_round_trips()
    {
        var counts = new int[6];
        for (long id = 0; id < 60_000; id++) counts[ShardMap.Of(id, 6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_700, 10_300));
        Assert.Equal(("my.collection/x", 12), ShardMap.Parse(ShardMap.Key("my.collection/x", 12)));
    }
}
