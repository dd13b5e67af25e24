using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sigah.Cluster.Hosting;
using Sigah.Server;

namespace Sigah.Cluster.Tests;

/// <summary>
/// A real server on a free loopback port over a temporary data directory: one node (<see cref="SigahServer"/>) or a
/// one-process development cluster (<c>--cluster localhost</c>, <see cref="SigahCluster"/>) serving the same API.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    private readonly string? _ownedDirectory;

    private ClusterHarness(WebApplication app, string? ownedDirectory)
    {
        App = app;
        _ownedDirectory = ownedDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
    }

    public WebApplication App { get; }

    /// <summary>The data directory, when the harness made (and will delete) it.</summary>
    public string DataDirectory => _ownedDirectory ?? throw new InvalidOperationException("a silo of a shared directory");

    public HttpClient Client { get; }

    /// <summary>A one-node server.</summary>
    public static Task<ClusterHarness> Node() => Start(options => Task.FromResult(SigahServer.Build(options)));

    /// <summary>The gateway port of a development cluster (what <c>sigah ingest --cluster localhost</c> connects to).</summary>
    public int GatewayPort { get; private init; }

    /// <summary>A development cluster of one silo (ports chosen free), shard state in its data directory.</summary>
    public static async Task<ClusterHarness> DevCluster(int defaultShards = 8)
    {
        int gateway = TestData.FreePort();
        var harness = await Start(options => SigahCluster.BuildAsync(new ClusterNodeOptions
        {
            Server = new ServerOptions { DataDirectory = options.DataDirectory, Urls = options.Urls, DefaultShards = defaultShards },
            Connection = ClusterNodeOptions.Localhost,
            SiloPort = TestData.FreePort(),
            GatewayPort = gateway,
        }));
        return new ClusterHarness(harness.App, harness._ownedDirectory) { GatewayPort = gateway };
    }

    /// <summary>A silo of the cluster whose membership is in <paramref name="connection"/>, shard state under <paramref name="dataDirectory"/> (shared, not deleted).</summary>
    public static Task<ClusterHarness> Silo(string connection, string dataDirectory) => Start(options => SigahCluster.BuildAsync(new ClusterNodeOptions
    {
        Server = options,
        Connection = connection,
        SiloPort = TestData.FreePort(),
        GatewayPort = TestData.FreePort(),
    }), dataDirectory);

    private static async Task<ClusterHarness> Start(Func<ServerOptions, Task<WebApplication>> build, string? shared = null)
    {
        string directory = shared ?? Directory.CreateTempSubdirectory("sigah-cluster-").FullName;
        try
        {
            var app = await build(new ServerOptions { DataDirectory = directory, Urls = ["http://127.0.0.1:0"] });
            await app.StartAsync();
            return new ClusterHarness(app, shared is null ? directory : null);
        }
        catch when (shared is null)
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task<HttpResponseMessage> Put(string path, byte[] model)
    {
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Client.PutAsync(path, content);
    }

    /// <summary>Posts <paramref name="rows"/> vectors of dimension <paramref name="dimension"/> as an npy body.</summary>
    public async Task<HttpResponseMessage> PostNpy(string path, float[] vectors, int rows, int dimension)
    {
        using var content = new ByteArrayContent(Npy(vectors, rows, dimension));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-npy");
        return await Client.PostAsync(path, content);
    }

    /// <summary>An npy file of float32 rows.</summary>
    public static byte[] Npy(ReadOnlySpan<float> vectors, int rows, int dimension)
    {
        byte[] header = Sigah.IO.NpyHeader.Format("<f4", [rows, dimension]);
        var bytes = new byte[header.Length + (rows * dimension * 4)];
        header.CopyTo(bytes, 0);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[..(rows * dimension)]).CopyTo(bytes.AsSpan(header.Length));
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownedDirectory is not null) Directory.Delete(_ownedDirectory, recursive: true);
    }
}
