using System.Net.Http.Headers;
using Sigah.Core.Data;
using Sigah.Index;
using Sigah.IO;

namespace Sigah.Server.Tests;

public class SearchApiTests
{
    private const int Dimension = 32;

    [Fact]
    public async Task Search_answers_what_the_index_of_sigah_search_answers_on_the_same_codes()
    {
        await using var server = await ServerHarness.Start(configure: o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, SealRows = 300 });
        byte[] model = ServerHarness.ModelBytes(Dimension, bits: 32);
        Assert.Equal(201, (int)(await server.CreateCollection("c", model)).StatusCode);
        var vectors = ServerHarness.Vectors(2000, Dimension, seed: 7);
        var added = await server.Client.PostAsync("/collections/c/vectors?first_id=100", Npy(vectors, 2000));
        Assert.Equal(2000, (int)(await ServerHarness.Json(added))["added"]!);

        var codes = Reference.Encode(model, vectors, 2000);
        using var index = new HammingIndex(32);
        index.Add(codes, Enumerable.Range(100, 2000).Select(i => (long)i).ToArray());
        var queries = ServerHarness.Vectors(30, Dimension, seed: 8);
        var expected = index.Search(Reference.Encode(model, queries, 30), 12);

        var answer = await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 30), k = 12 }));
        for (int q = 0; q < 30; q++)
        {
            Assert.Equal(expected.IdsOf(q).ToArray(), answer["ids"]![q]!.AsArray().Select(n => (long)n!).ToArray());
            Assert.Equal(expected.DistancesOf(q).ToArray(), answer["distances"]![q]!.AsArray().Select(n => (int)(double)n!).ToArray());
        }
    }

    [Fact]
    public async Task Replaced_and_deleted_ids_answer_as_the_live_set_does()
    {
        await using var server = await ServerHarness.Start(configure: o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, SealRows = 100 });
        byte[] model = ServerHarness.ModelBytes(Dimension, bits: 16);
        await server.CreateCollection("c", model);
        var live = new Dictionary<long, byte[]>();
        var rng = new Random(3);
        for (int round = 0; round < 12; round++)
        {
            int n = rng.Next(1, 120);
            var ids = Enumerable.Range(0, n).Select(_ => (long)rng.Next(0, 600)).Distinct().ToArray();
            var vectors = ServerHarness.Vectors(ids.Length, Dimension, seed: 100 + round);
            Assert.True((await server.PostJson("/collections/c/vectors", new { ids, vectors = Rows(vectors, ids.Length) })).IsSuccessStatusCode);
            var codes = Reference.Encode(model, vectors, ids.Length);
            for (int i = 0; i < ids.Length; i++) live[ids[i]] = codes.Code(i).ToArray();
            var gone = live.Keys.Where(_ => rng.NextDouble() < 0.1).Append(999_999).ToArray();
            var removed = await ServerHarness.Json(await server.PostJson("/collections/c/delete", new { ids = gone }));
            Assert.Equal(gone.Count(live.ContainsKey), (int)removed["removed"]!);
            foreach (long id in gone) live.Remove(id);
            Assert.Equal(live.Count, (int)removed["count"]!);
        }
        var queries = ServerHarness.Vectors(20, Dimension, seed: 9);
        var queryCodes = Reference.Encode(model, queries, 20);
        var answer = await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 20), k = 25 }));
        for (int q = 0; q < 20; q++)
        {
            var (ids, distances) = Reference.Knn(live, queryCodes.Code(q), 25);
            Assert.Equal(ids, answer["ids"]![q]!.AsArray().Select(n => (long)n!).ToArray());
            Assert.Equal(distances, answer["distances"]![q]!.AsArray().Select(n => (int)(double)n!).ToArray());
        }
        var info = await ServerHarness.Json(await server.Client.GetAsync("/collections/c"));
        Assert.Equal(live.Count, (int)info["count"]!);
        Assert.Equal(16, (int)info["bits"]!);
        Assert.Equal(Dimension, (int)info["dimension"]!);
        Assert.Equal("itq", (string?)info["method"]);
    }

    [Fact]
    public async Task Rerank_orders_the_hamming_shortlist_by_l2_as_the_reranker_does()
    {
        await using var server = await ServerHarness.Start();
        byte[] model = ServerHarness.ModelBytes(Dimension, bits: 16);
        await server.CreateCollection("r", model, rerank: true);
        var vectors = ServerHarness.Vectors(800, Dimension, seed: 4);
        await server.Client.PostAsync("/collections/r/vectors?first_id=0", Npy(vectors, 800));
        var queries = ServerHarness.Vectors(5, Dimension, seed: 5);

        using var index = HammingIndex.FromCodes(Reference.Encode(model, vectors, 800));
        var shortlist = index.Search(Reference.Encode(model, queries, 5), 60);
        var expected = L2Reranker.Rerank(shortlist, new FloatMatrix(5, Dimension, queries), new FloatMatrix(800, Dimension, vectors), 7);

        var answer = await ServerHarness.Json(await server.PostJson("/collections/r/search", new { vectors = Rows(queries, 5), k = 7, rerank = 60 }));
        for (int q = 0; q < 5; q++)
        {
            Assert.Equal(expected.Ids.AsSpan(q * 7, 7).ToArray(), answer["ids"]![q]!.AsArray().Select(n => (long)n!).ToArray());
            Assert.Equal(expected.Distances.AsSpan(q * 7, 7).ToArray(), answer["distances"]![q]!.AsArray().Select(n => (float)n!).ToArray());
        }
        var stored = await ServerHarness.Json(await server.Client.GetAsync("/collections/r/vectors/17"));
        Assert.Equal(vectors.AsSpan(17 * Dimension, Dimension).ToArray(), stored["vector"]!.AsArray().Select(n => (float)n!).ToArray());
    }

    [Fact]
    public async Task A_radius_keeps_only_neighbours_within_it_and_npy_queries_answer_as_json_ones()
    {
        await using var server = await ServerHarness.Start();
        byte[] model = ServerHarness.ModelBytes(Dimension, bits: 32);
        await server.CreateCollection("c", model);
        var vectors = ServerHarness.Vectors(500, Dimension, seed: 6);
        await server.Client.PostAsync("/collections/c/vectors?first_id=0", Npy(vectors, 500));
        var queries = ServerHarness.Vectors(4, Dimension, seed: 1);
        var json = await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 4), k = 50, radius = 9 }));
        var npy = await ServerHarness.Json(await server.Client.PostAsync("/collections/c/search?k=50&radius=9", Npy(queries, 4)));
        Assert.Equal(json.ToJsonString(), npy.ToJsonString());
        var all = await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 4), k = 50 }));
        for (int q = 0; q < 4; q++)
        {
            var within = all["distances"]![q]!.AsArray().Select(n => (double)n!).TakeWhile(d => d <= 9).Count();
            Assert.Equal(within, json["ids"]![q]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task Collections_outlive_a_restart_and_put_is_idempotent()
    {
        string data = Directory.CreateTempSubdirectory("sigah-restart-").FullName;
        try
        {
            byte[] model = ServerHarness.ModelBytes(Dimension, bits: 32);
            var queries = ServerHarness.Vectors(10, Dimension, seed: 2);
            string before;
            await using (var server = await ServerHarness.Start(data, o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, SealRows = 64, SnapshotLogBytes = 4096 }))
            {
                await server.CreateCollection("c", model);
                for (int batch = 0; batch < 10; batch++)
                    await server.Client.PostAsync($"/collections/c/vectors?first_id={batch * 100}", Npy(ServerHarness.Vectors(100, Dimension, batch), 100));
                await server.PostJson("/collections/c/delete", new { ids = new[] { 5L, 205, 905 } });
                before = (await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 10), k = 20 }))).ToJsonString();
            }
            await using (var server = await ServerHarness.Start(data))
            {
                Assert.Equal(200, (int)(await server.CreateCollection("c", model)).StatusCode);
                Assert.Equal(409, (int)(await server.CreateCollection("c", ServerHarness.ModelBytes(Dimension, bits: 16))).StatusCode);
                Assert.Equal(997, (int)(await ServerHarness.Json(await server.Client.GetAsync("/collections/c")))["count"]!);
                var after = await ServerHarness.Json(await server.PostJson("/collections/c/search", new { vectors = Rows(queries, 10), k = 20 }));
                Assert.Equal(before, after.ToJsonString());
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "collections", "c"), "snapshot-*.idx"));
                Assert.Equal(204, (int)(await server.Client.DeleteAsync("/collections/c")).StatusCode);
                Assert.Equal(404, (int)(await server.Client.GetAsync("/collections/c")).StatusCode);
                Assert.False(Directory.Exists(Path.Combine(data, "collections", "c")));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static float[][] Rows(float[] values, int rows)
    {
        int d = values.Length / rows;
        return [.. Enumerable.Range(0, rows).Select(r => values.AsSpan(r * d, d).ToArray())];
    }

    internal static ByteArrayContent Npy(float[] values, int rows)
    {
        var stream = new MemoryStream();
        stream.Write(NpyHeader.Format("<f4", [rows, values.Length / rows]));
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-npy");
        return content;
    }
}
