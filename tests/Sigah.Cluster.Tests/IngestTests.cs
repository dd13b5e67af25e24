using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sigah.Cluster.Ingest;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Cluster.Tests;

/// <summary><c>sigah ingest</c> against a development cluster: every row lands under its id, and bad input is one clear error.</summary>
public sealed class IngestTests
{
    private const int Dimension = 32, Rows = 25_000;

    [Fact]
    public async Task Every_row_of_the_file_lands_under_first_id_plus_its_row()
    {
        await using var cluster = await ClusterHarness.DevCluster(defaultShards: 4);
        using var files = new TempFiles();
        var vectors = TestData.Uniform(Rows, Dimension, 2);
        string input = files.Write("base.fbin", vectors, Rows);
        Assert.Equal(201, (int)(await cluster.Put("/collections/c", Model())).StatusCode);

        var report = await ClusterIngest.RunAsync(Options(cluster, input, firstId: 1000, batch: 3000), (_, _) => { });
        Assert.Equal(Rows, report.Rows);
        Assert.Equal(1, report.Silos);
        Assert.Equal(Rows, JsonNode.Parse(await cluster.Client.GetStringAsync("/collections/c"))!["count"]!.GetValue<int>());

        // Rows 0, 7777 and the last, searched by their own vectors, are found at distance 0 under first_id + row.
        foreach (int row in new[] { 0, 7777, Rows - 1 })
        {
            string body = JsonSerializer.Serialize(new { vectors = new[] { vectors.AsSpan(row * Dimension, Dimension).ToArray() }, k = 10 });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var answer = JsonNode.Parse(await (await cluster.Client.PostAsync("/collections/c/search", content)).Content.ReadAsStringAsync())!;
            var ids = answer["ids"]![0]!.AsArray().Select(i => i!.GetValue<long>()).ToArray();
            var distances = answer["distances"]![0]!.AsArray().Select(d => d!.GetValue<float>()).ToArray();
            Assert.Equal(0f, distances[Array.IndexOf(ids, 1000L + row)]);
        }
    }

    [Fact]
    public async Task A_file_of_another_dimension_or_a_missing_collection_is_one_clear_error()
    {
        await using var cluster = await ClusterHarness.DevCluster(defaultShards: 2);
        using var files = new TempFiles();
        Assert.Equal(201, (int)(await cluster.Put("/collections/c", Model())).StatusCode);
        string wide = files.Write("wide.fbin", new float[10 * (Dimension + 1)], 10, Dimension + 1);

        var wrong = await Assert.ThrowsAsync<UserInputException>(() => ClusterIngest.RunAsync(Options(cluster, wide, 0, 100), (_, _) => { }));
        Assert.Equal($"wide.fbin: has {Dimension + 1}-d vectors; collection 'c' encodes {Dimension}-d ones", wrong.Message);
        var missing = await Assert.ThrowsAsync<UserInputException>(() =>
            ClusterIngest.RunAsync(Options(cluster, wide, 0, 100) with { Collection = "none" }, (_, _) => { }));
        Assert.Equal("--collection: collection 'none' does not exist in the cluster (create it with PUT /collections/none?shards=S)", missing.Message);
        Assert.Equal(0, JsonNode.Parse(await cluster.Client.GetStringAsync("/collections/c"))!["count"]!.GetValue<int>());
    }

    private static IngestOptions Options(ClusterHarness cluster, string input, long firstId, int batch) =>
        new("localhost", "c", input, firstId, batch, InFlight: 2, GatewayPort: cluster.GatewayPort);

    private static byte[] Model() => TestData.ItqModel(32, 1000, Dimension, seed: 1);

    /// <summary>Vector files in a temporary directory, removed on dispose.</summary>
    private sealed class TempFiles : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("sigah-ingest-").FullName;

        public string Write(string name, float[] values, int rows, int dimension = Dimension)
        {
            string path = Path.Combine(_directory, name);
            VectorFile.Write(path, new FloatMatrix(rows, dimension, values));
            return path;
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
