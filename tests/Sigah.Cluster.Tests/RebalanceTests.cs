using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sigah.Cluster.Tests;

/// <summary>
/// Shards follow the membership: a silo that joins takes its share of the shards, one that leaves hands them back,
/// and their state (in the shared directory) goes with them: counts and answers stay the same throughout.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RebalanceTests(PrivatePostgres postgres)
{
    private const int Dimension = 8, Rows = 3000;

    [Fact]
    public async Task A_joining_silo_takes_half_the_shards_and_a_leaving_one_hands_them_back()
    {
        string connection = postgres.CreateDatabase();
        string shared = Directory.CreateTempSubdirectory("sigah-rebalance-").FullName;
        try
        {
            await using var first = await ClusterHarness.Silo(connection, shared);
            var model = TestData.ItqModel(8, 500, Dimension, seed: 1);
            Assert.Equal(201, (int)(await first.Put("/collections/c?shards=6", model)).StatusCode);
            var vectors = TestData.Uniform(Rows, Dimension, 2);
            Assert.True((await first.PostNpy("/collections/c/vectors?first_id=0", vectors, Rows, Dimension)).IsSuccessStatusCode);
            string search = JsonSerializer.Serialize(new { vectors = Enumerable.Range(0, 20).Select(r => vectors.AsSpan(r * 37 * Dimension, Dimension).ToArray()), k = 15 });
            string before = await Search(first, search);
            Assert.Equal([6], (await Placement(first)).Values);

            var second = await ClusterHarness.Silo(connection, shared);
            var spread = await Eventually(first, p => p.Count == 2 && p.Values.All(n => n == 3));
            Assert.Equal(2, spread.Count);
            Assert.Equal(Rows, await Count(second));
            Assert.Equal(before, await Search(second, search));

            await second.DisposeAsync();
            Assert.Equal([6], (await Eventually(first, p => p.Count == 1)).Values);
            Assert.Equal(Rows, await Count(first));
            Assert.Equal(before, await Search(first, search));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>Shards per silo address, as <c>GET /cluster</c> tells (asking activates every shard where it belongs now).</summary>
    private static async Task<Dictionary<string, int>> Placement(ClusterHarness silo)
    {
        var view = JsonNode.Parse(await silo.Client.GetStringAsync("/cluster"))!;
        return view["collections"]!.AsArray().Single()!["placement"]!.AsArray()
            .GroupBy(s => s!["silo"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<Dictionary<string, int>> Eventually(ClusterHarness silo, Func<Dictionary<string, int>, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await silo.Client.GetAsync("/cluster");
            if (response.IsSuccessStatusCode)
            {
                var placement = await Placement(silo);
                if (condition(placement)) return placement;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), "the shards did not move within 45 s");
            await Task.Delay(500);
        }
    }

    private static async Task<int> Count(ClusterHarness silo) =>
        JsonNode.Parse(await silo.Client.GetStringAsync("/collections/c"))!["count"]!.GetValue<int>();

    private static async Task<string> Search(ClusterHarness silo, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await silo.Client.PostAsync("/collections/c/search", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }
}
