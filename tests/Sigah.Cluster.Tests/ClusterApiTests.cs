using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sigah.Cluster.Tests;

/// <summary>The cluster's own behaviour through its HTTP API, on a one-process development cluster.</summary>
public sealed class ClusterApiTests
{
    private const int Dimension = 8;

    [Fact]
    public async Task Shards_are_listed_with_their_silo_and_counts_that_add_up()
    {
        await using var cluster = await ClusterHarness.DevCluster(defaultShards: 5);
        Assert.Equal(201, (int)(await cluster.Put("/collections/c", Model(1))).StatusCode);
        var added = await cluster.PostNpy("/collections/c/vectors?first_id=100", Vectors(1000, 2), 1000, Dimension);
        Assert.Equal(1000, (await Json(added))["count"]!.GetValue<int>());

        var view = await Json(await cluster.Client.GetAsync("/cluster"));
        var silo = view["silos"]!.AsArray().Single()!;
        Assert.Equal("Active", silo["status"]!.GetValue<string>());
        var shards = view["collections"]!.AsArray().Single()!["placement"]!.AsArray();
        Assert.Equal([0, 1, 2, 3, 4], shards.Select(s => s!["shard"]!.GetValue<int>()));
        Assert.All(shards, s => Assert.Equal(silo["address"]!.GetValue<string>(), s!["silo"]!.GetValue<string>()));
        Assert.Equal(1000, shards.Sum(s => s!["count"]!.GetValue<int>()));
        Assert.All(shards, s => Assert.InRange(s!["count"]!.GetValue<int>(), 150, 250));

        string metrics = await cluster.Client.GetStringAsync("/metrics");
        for (int s = 0; s < 5; s++) Assert.Contains($"sigah_collection_vectors{{otel_scope_name=\"Sigah.Server\",collection=\"c\",shard=\"{s}\"}}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collection_deleted_and_created_again_starts_empty_and_a_changed_model_conflicts()
    {
        await using var cluster = await ClusterHarness.DevCluster(defaultShards: 3);
        Assert.Equal(201, (int)(await cluster.Put("/collections/c", Model(1))).StatusCode);
        Assert.True((await cluster.PostNpy("/collections/c/vectors?first_id=0", Vectors(50, 3), 50, Dimension)).IsSuccessStatusCode);
        Assert.Equal(200, (int)(await cluster.Put("/collections/c", Model(1))).StatusCode);
        var conflict = await cluster.Put("/collections/c", Model(2));
        Assert.Equal(409, (int)conflict.StatusCode);

        Assert.Equal(204, (int)(await cluster.Client.DeleteAsync("/collections/c")).StatusCode);
        Assert.Equal(404, (int)(await cluster.Client.GetAsync("/collections/c")).StatusCode);
        Assert.Equal(201, (int)(await cluster.Put("/collections/c", Model(2))).StatusCode);
        Assert.Equal(0, (await Json(await cluster.Client.GetAsync("/collections/c")))["count"]!.GetValue<int>());
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.Combine(cluster.DataDirectory, "cluster")), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task A_shard_count_out_of_range_is_a_problem_naming_shards()
    {
        await using var cluster = await ClusterHarness.DevCluster();
        var response = await cluster.Put("/collections/c?shards=0", Model(1));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("shards: 0 is out of range: 1 to 1024", (await Json(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_and_writes_on_a_missing_collection_are_404_as_on_one_node()
    {
        await using var cluster = await ClusterHarness.DevCluster();
        using var content = new StringContent(JsonSerializer.Serialize(new { vectors = new[] { new float[Dimension] } }), Encoding.UTF8, "application/json");
        var response = await cluster.Client.PostAsync("/collections/none/search", content);
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("name: collection 'none' does not exist", (await Json(response))["detail"]!.GetValue<string>());
    }

    private static byte[] Model(int seed) => TestData.ItqModel(8, 500, Dimension, seed);

    private static float[] Vectors(int rows, int seed) => TestData.Uniform(rows, Dimension, seed);

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
