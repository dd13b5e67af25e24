using System.Text.Json.Nodes;

namespace Sigah.Server.Tests;

public class ObservabilityTests
{
    [Fact]
    public async Task Metrics_show_request_latencies_and_collection_sizes_in_prometheus_text()
    {
        await using var server = await ServerHarness.Start();
        await server.CreateCollection("fm", ServerHarness.ModelBytes(16, 16));
        await server.PostJson("/collections/fm/vectors", new { ids = new[] { 4L, 5, 6 }, vectors = SearchApiTests.Rows(ServerHarness.Vectors(3, 16, 1), 3) });
        await server.PostJson("/collections/fm/search", new { vectors = SearchApiTests.Rows(ServerHarness.Vectors(1, 16, 2), 1) });
        string text = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("sigah_collection_vectors{otel_scope_name=\"Sigah.Server\",collection=\"fm\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("sigah_search_duration_seconds_count{otel_scope_name=\"Sigah.Server\",collection=\"fm\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/collections/{name}/search\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        await using var server = await ServerHarness.Start();
        var document = JsonNode.Parse(await server.Client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).Order().ToArray();
        Assert.Equal(new[] { "/collections", "/collections/{name}", "/collections/{name}/delete", "/collections/{name}/search",
            "/collections/{name}/vectors", "/collections/{name}/vectors/{id}", "/health" }, paths);
        Assert.NotNull(document["paths"]!["/collections/{name}/search"]!["post"]!["requestBody"]!["content"]!["application/json"]);
    }
}
