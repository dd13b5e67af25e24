using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Server;

namespace Sigah.Server.Tests;

/// <summary>A real server (Kestrel on a free loopback port) over a temporary data directory, and a client for it.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private ServerHarness(WebApplication app, string dataDirectory, bool ownsDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a server; <paramref name="dataDirectory"/> null means a fresh temporary one (deleted at dispose).</summary>
    public static async Task<ServerHarness> Start(string? dataDirectory = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        bool owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("sigah-server-").FullName;
        var options = new ServerOptions { DataDirectory = dataDirectory, Urls = ["http://127.0.0.1:0"] };
        if (configure is not null) options = configure(options);
        try
        {
            var app = SigahServer.Build(options);
            await app.StartAsync();
            return new ServerHarness(app, dataDirectory, owns);
        }
        catch when (owns)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>A fitted model's file bytes: ITQ on seeded Gaussian rows.</summary>
    public static byte[] ModelBytes(int dimension = 16, int bits = 16, int rows = 2000, int seed = 1)
    {
        var data = Vectors(rows, dimension, seed);
        var model = HasherRegistry.Get("itq").Create(bits).Fit(new FloatMatrix(rows, dimension, data), new TrainingContext { Seed = seed });
        return ModelFile.ToBytes(model);
    }

    /// <summary>Seeded Gaussian rows, row-major.</summary>
    public static float[] Vectors(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * dimension];
        for (int i = 0; i < values.Length; i++) values[i] = Gaussian(random);
        return values;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    public async Task<HttpResponseMessage> CreateCollection(string name, byte[] model, bool rerank = false)
    {
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Client.PutAsync($"/collections/{name}{(rerank ? "?rerank=true" : "")}", content);
    }

    public Task<HttpResponseMessage> PostJson(string path, object body) => PostJson(path, JsonSerializer.Serialize(body));

    public async Task<HttpResponseMessage> PostJson(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Client.PostAsync(path, content);
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDirectory) Directory.Delete(DataDirectory, recursive: true);
    }
}
