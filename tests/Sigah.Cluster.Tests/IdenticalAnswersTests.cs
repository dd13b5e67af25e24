using System.Text;
using System.Text.Json;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Cluster.Tests;

/// <summary>
/// A sharded collection answers exactly as one node holding the same vectors: the same ids and distances, ties by
/// the smaller id, for plain, re-ranked and radius searches, over a million codes with deletes and replacements.
/// </summary>
public sealed class IdenticalAnswersTests
{
    private const int Rows = 1_000_000, Dimension = 16, Bits = 64, Block = 100_000;

    [Fact]
    public async Task A_sharded_collection_answers_as_one_node_over_a_million_codes()
    {
        var model = ModelFile.ToBytes(HasherRegistry.Get("lsh").Create(Bits)
            .Fit(new FloatMatrix(5000, Dimension, Gaussian(5000, 1)), new TrainingContext { Seed = 1 }));
        var vectors = Gaussian(Rows, 2);
        await using var node = await ClusterHarness.Node();
        await using var cluster = await ClusterHarness.DevCluster();
        Assert.Equal(201, (int)(await node.Put("/collections/c?rerank=true", model)).StatusCode);
        Assert.Equal(201, (int)(await cluster.Put("/collections/c?rerank=true&shards=7", model)).StatusCode);

        for (int start = 0; start < Rows; start += Block)
        {
            var block = vectors.AsSpan(start * Dimension, Block * Dimension).ToArray();
            string path = $"/collections/c/vectors?first_id={start}";
            var answers = await Task.WhenAll(node.PostNpy(path, block, Block, Dimension), cluster.PostNpy(path, block, Block, Dimension));
            Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.ToString()));
        }
        long[] deleted = [.. Enumerable.Range(0, 3000).Select(i => (long)i * 331)];
        string delete = JsonSerializer.Serialize(new { ids = deleted });
        var replaced = Enumerable.Range(0, 2000).Select(i => (long)(i * 487) + 1).ToArray();
        var fresh = Gaussian(replaced.Length, 3);
        string replace = JsonSerializer.Serialize(new { ids = replaced, vectors = Rows2D(fresh, replaced.Length) });
        foreach (var server in new[] { node, cluster })
        {
            Assert.True((await Post(server, "/collections/c/delete", delete)).IsSuccessStatusCode);
            Assert.True((await Post(server, "/collections/c/vectors", replace)).IsSuccessStatusCode);
        }

        var nodeInfo = JsonDocument.Parse(await node.Client.GetStringAsync("/collections/c")).RootElement;
        var clusterInfo = JsonDocument.Parse(await cluster.Client.GetStringAsync("/collections/c")).RootElement;
        int live = Rows - deleted.Except(replaced).Count();
        Assert.Equal(live, nodeInfo.GetProperty("count").GetInt32());
        Assert.Equal(live, clusterInfo.GetProperty("count").GetInt32());

        // Fresh queries, stored vectors (found at distance 0), a deleted and a replaced row's old vector.
        var queries = Gaussian(150, 4).Concat(vectors.AsSpan(123_457 * Dimension, 40 * Dimension).ToArray())
            .Concat(vectors.AsSpan((int)deleted[5] * Dimension, Dimension).ToArray()).Concat(vectors.AsSpan((int)replaced[7] * Dimension, Dimension).ToArray()).ToArray();
        int count = queries.Length / Dimension;
        var rows = Rows2D(queries, count);
        foreach (string body in new[]
        {
            JsonSerializer.Serialize(new { vectors = rows, k = 10 }),
            JsonSerializer.Serialize(new { vectors = rows, k = 100 }),
            JsonSerializer.Serialize(new { vectors = rows, k = 20, rerank = 300 }),
            JsonSerializer.Serialize(new { vectors = rows, k = 50, radius = 14 }),
        })
        {
            string expected = await (await Post(node, "/collections/c/search", body)).Content.ReadAsStringAsync();
            string actual = await (await Post(cluster, "/collections/c/search", body)).Content.ReadAsStringAsync();
            Assert.StartsWith("{\"ids\":", expected, StringComparison.Ordinal);
            Assert.Equal(expected, actual);
        }
        string stored = await cluster.Client.GetStringAsync($"/collections/c/vectors/{replaced[3]}");
        Assert.Equal(await node.Client.GetStringAsync($"/collections/c/vectors/{replaced[3]}"), stored);
    }

    private static async Task<HttpResponseMessage> Post(ClusterHarness server, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await server.Client.PostAsync(path, content);
    }

    private static float[][] Rows2D(float[] values, int rows) =>
        [.. Enumerable.Range(0, rows).Select(r => values.AsSpan(r * Dimension, Dimension).ToArray())];

    private static float[] Gaussian(int rows, int seed) => TestData.Gaussian(new Random(seed), rows, Dimension);
}
