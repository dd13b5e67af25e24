using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Sigah.Cluster.Hosting;
using Sigah.Cluster.Ingest;
using Sigah.Core;
using Sigah.Server;

namespace Sigah.Cli.Cluster;

/// <summary>The cluster commands, in builds that carry Orleans (the JIT-compiled CLI and the .NET tool).</summary>
internal static class ClusterMode
{
    /// <summary>Runs a silo with the HTTP API until stopped.</summary>
    public static async Task<int> ServeAsync(ServerOptions server, ClusterArguments cluster, CancellationToken token)
    {
        var storage = cluster.Storage switch
        {
            "directory" => ShardStorageKind.Directory,
            "postgres" => ShardStorageKind.Postgres,
            var other => throw new UserInputException($"--storage: '{other}' is not 'directory' or 'postgres'"),
        };
        if (!System.Net.IPAddress.TryParse(cluster.Advertise, out _)) throw new UserInputException($"--advertise: '{cluster.Advertise}' is not an IP address");
        var options = new ClusterNodeOptions
        {
            Server = server,
            Connection = cluster.Connection,
            SiloPort = cluster.SiloPort,
            GatewayPort = cluster.GatewayPort,
            AdvertisedAddress = cluster.Advertise,
            ClusterId = cluster.ClusterId,
            Storage = storage,
        };
        await using var app = await SigahCluster.BuildAsync(options, token).ConfigureAwait(false);
        await app.StartAsync(token).ConfigureAwait(false);
        Console.WriteLine($"sigah serve: silo {cluster.Advertise}:{cluster.SiloPort} (gateway {cluster.GatewayPort}) of cluster '{cluster.ClusterId}', "
            + $"listening on {string.Join(", ", app.Urls)}, shard state in {options.Storage.ToString().ToLowerInvariant()} storage");
        await app.WaitForShutdownAsync(token).ConfigureAwait(false);
        return CliRunner.Ok;
    }

    /// <summary>Runs an ingest, printing its progress and rate.</summary>
    public static async Task<int> IngestAsync(IngestArguments arguments, CancellationToken token)
    {
        var options = new IngestOptions(arguments.Connection, arguments.Collection, arguments.Input, arguments.FirstId, arguments.Batch, arguments.InFlight,
            arguments.ClusterId, arguments.GatewayPort);
        long reported = 0;
        var report = await ClusterIngest.RunAsync(options, (done, total) =>
        {
            long step = Math.Max(total / 20, 1);
            if (done / step > Interlocked.Read(ref reported) / step || done == total)
            {
                Interlocked.Exchange(ref reported, done);
                Console.Error.WriteLine($"ingest: {done:N0} / {total:N0} vectors");
            }
        }, token).ConfigureAwait(false);
        Console.WriteLine($"ingested {report.Rows} vectors into '{options.Collection}' through {report.Silos} silo(s) in {report.Elapsed.TotalSeconds:F1} s "
            + $"({report.RowsPerSecond:F0} vectors/s)");
        return CliRunner.Ok;
    }
}
