using System.Net.Http.Headers;
using System.Text;

namespace Sigah.Server.Tests;

/// <summary>Every malformed request gets a 4xx problem+json naming the field, and changes nothing.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private const int Dimension = 8;
    private ServerHarness _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerHarness.Start(configure: o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, MaxBodyBytes = 64 << 10, MaxVectorsPerRequest = 100 });
        await _server.CreateCollection("c", ServerHarness.ModelBytes(Dimension, bits: 8));
        await _server.PostJson("/collections/c/vectors", new { ids = new[] { 1L, 2 }, vectors = SearchApiTests.Rows(ServerHarness.Vectors(2, Dimension, 1), 2) });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string, int, string?, string> JsonCases() => new()
    {
        { "search", """{"vectors": [[1,2,3""", "application/json", 400, "vectors[0][2]", "invalid JSON" },
        { "search", """{"vector": [[1,2,3,4,5,6,7,8]]}""", "application/json", 400, "vector", "invalid JSON" },
        { "search", """{"vectors": [[1,2,3]]}""", "application/json", 400, "vectors[0]", "has 3 values, the collection's model takes 8" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,"x"]]}""", "application/json", 400, "vectors[0][7]", "invalid JSON" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,1e39]]}""", "application/json", 400, "vectors[0][7]", "is not a finite number" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,8]], "k": 0}""", "application/json", 400, "k", "0 is out of range: 1 to 10000" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,8]], "k": 10001}""", "application/json", 400, "k", "10001 is out of range: 1 to 10000" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,8]], "rerank": 20}""", "application/json", 400, "rerank", "collection 'c' keeps no vectors (create it with ?rerank=true)" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,8]], "radius": 9}""", "application/json", 400, "radius", "9 is out of range: 0 to 8" },
        { "search", """{"vectors": []}""", "application/json", 400, "vectors", "at least one query vector is required" },
        { "search", "", "application/json", 400, "body", "empty: a JSON object is required" },
        { "search", """{"vectors": [[1,2,3,4,5,6,7,8]]}""", "text/plain", 415, "Content-Type", "'text/plain' is not accepted by POST /collections/c/search" },
        { "vectors", """{"ids": [5], "vectors": [[1,2,3,4,5,6,7,8],[1,2,3,4,5,6,7,8]]}""", "application/json", 400, "ids", "1 ids for 2 vectors" },
        { "vectors", """{"ids": [5, -1], "vectors": [[1,2,3,4,5,6,7,8],[1,2,3,4,5,6,7,8]]}""", "application/json", 400, "ids[1]", "-1 is negative" },
        { "vectors", """{"ids": [5, 5], "vectors": [[1,2,3,4,5,6,7,8],[1,2,3,4,5,6,7,8]]}""", "application/json", 400, "ids[1]", "5 is given twice" },
        { "vectors", """{"vectors": [[1,2,3,4,5,6,7,8]]}""", "application/json", 400, "ids", "required: one id per vector" },
        { "delete", """{"ids": "all"}""", "application/json", 400, "ids", "invalid JSON" },
        { "delete", """{}""", "application/json", 400, "ids", "required: the ids to delete" },
    };

    [Theory]
    [MemberData(nameof(JsonCases))]
    public async Task A_malformed_body_is_a_problem_naming_the_field(string route, string body, string type, int status, string? field, string detail)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var response = await _server.Client.PostAsync($"/collections/c/{route}", content);
        await AssertProblem(response, status, field, detail);
        Assert.Equal(2, (int)(await ServerHarness.Json(await _server.Client.GetAsync("/collections/c")))["count"]!);
    }

    [Fact]
    public async Task Npy_bodies_that_are_cut_short_of_the_wrong_type_or_shape_are_problems()
    {
        var good = SearchApiTests.Npy(ServerHarness.Vectors(3, Dimension, 2), 3);
        byte[] bytes = await good.ReadAsByteArrayAsync();
        await AssertProblem(await PostNpy("/collections/c/vectors?first_id=10", bytes[..^5]), 400, "body", "truncated");
        await AssertProblem(await PostNpy("/collections/c/vectors", bytes), 400, "first_id", "required with an npy body: the id of the first row");
        await AssertProblem(await PostNpy("/collections/c/vectors?first_id=x", bytes), 400, "first_id", "'x' is not an integer");
        await AssertProblem(await PostNpy("/collections/c/search?k=0", bytes), 400, "k", "0 is out of range: 1 to 10000");
        await AssertProblem(await PostNpy("/collections/c/search", [1, 2, 3]), 400, "body", "not a .npy file (bad magic)");
        var wide = await SearchApiTests.Npy(ServerHarness.Vectors(3, 4, 2), 3).ReadAsByteArrayAsync();
        await AssertProblem(await PostNpy("/collections/c/search", wide), 400, "body", "vectors have dimension 4, the collection's model takes 8");
        Assert.Equal(2, (int)(await ServerHarness.Json(await _server.Client.GetAsync("/collections/c")))["count"]!);
    }

    [Fact]
    public async Task Limits_unknown_collections_routes_and_models_are_problems()
    {
        var tooLarge = await PostNpy("/collections/c/vectors?first_id=0", new byte[70 << 10]);
        await AssertProblem(tooLarge, 413, "body", "is more than the server's limit");
        Assert.True(tooLarge.Headers.ConnectionClose, "a refused body's connection is announced closed");
        var many = new { ids = Enumerable.Range(0, 101).ToArray(), vectors = SearchApiTests.Rows(ServerHarness.Vectors(101, Dimension, 3), 101) };
        await AssertProblem(await _server.PostJson("/collections/c/vectors", many), 413, "ids", "101 in one request is more than the server's limit of 100");
        await AssertProblem(await _server.PostJson("/collections/nope/search", new { vectors = new[] { new float[8] } }), 404, "name", "collection 'nope' does not exist");
        await AssertProblem(await _server.Client.GetAsync("/nowhere"), 404, null, "GET /nowhere is not part of the API");
        await AssertProblem(await _server.CreateCollection("bad name", ServerHarness.ModelBytes(Dimension, 8)), 400, "name", "a collection name is");
        await AssertProblem(await _server.CreateCollection("m", [1, 2, 3]), 400, "body", "model: not a Sigah model file (bad magic)");
        Assert.Equal(404, (int)(await _server.Client.GetAsync("/collections/m")).StatusCode);
    }

    private async Task<HttpResponseMessage> PostNpy(string path, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-npy");
        return await _server.Client.PostAsync(path, content);
    }

    internal static async Task AssertProblem(HttpResponseMessage response, int status, string? field, string detail)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ServerHarness.Json(response);
        Assert.Equal(status, (int)problem["status"]!);
        Assert.Equal(field, (string?)problem["field"]);
        Assert.Contains(detail, (string)problem["detail"]!, StringComparison.Ordinal);
    }
}
