using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Sigah.Cluster.Grains;
using Sigah.Cluster.Hosting;
using Sigah.Cluster.Membership;
using Sigah.Cluster.Storage;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Cluster.Ingest;

/// <summary>What <c>sigah ingest</c> is asked to do.</summary>
/// <param name="Connection">The cluster's PostgreSQL connection string, or <c>localhost</c> (then <paramref name="GatewayPort"/> is the dev silo's).</param>
/// <param name="Collection">The clustered collection to add to (it must exist: its model encodes).</param>
/// <param name="Input">The vector file (any format <c>sigah</c> reads).</param>
/// <param name="FirstId">The id of the file's first row; row r gets id FirstId + r.</param>
/// <param name="BatchRows">Rows per range sent to a silo.</param>
/// <param name="InFlight">Ranges each silo works on at once.</param>
/// <param name="ClusterId">The cluster's name (as its silos were started with).</param>
/// <param name="GatewayPort">With <c>localhost</c>: the dev silo's gateway port.</param>
internal sealed record IngestOptions(string Connection, string Collection, string Input, long FirstId, int BatchRows, int InFlight,
    string ClusterId = "sigah", int GatewayPort = 30000);

/// <summary>How an ingest went.</summary>
internal sealed record IngestReport(long Rows, int Silos, TimeSpan Elapsed)
{
    /// <summary>Rows added per second.</summary>
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>
/// <c>sigah ingest</c>: a cluster client that reads a vector file in ranges and hands them, in turn, to one ingest
/// worker per active silo (<see cref="IIngestGrain"/>), which encodes them with the collection's model and adds
/// the codes to the shards owning their ids. Ranges are read while the silos work; a range that fails is sent again
/// (adds of the same ids are idempotent) after 1, 2, … 5 s, and a range that fails six times stops the ingest.
/// </summary>
internal static class ClusterIngest
{
    private const int Attempts = 6;
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(20);

    /// <summary>Runs the ingest, calling <paramref name="progress"/> with the rows done so far now and then.</summary>
    public static async Task<IngestReport> RunAsync(IngestOptions options, Action<long, long> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        using var input = VectorFile.Open(options.Input);
        if (input.Rows == 0) throw UserInputException.ForFile(options.Input, "holds no vectors");
        if (options.FirstId < 0 || options.FirstId > long.MaxValue - input.Rows) throw new UserInputException($"--first-id: {options.FirstId} is out of range");
        using var host = await StartClient(options, cancellationToken).ConfigureAwait(false);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
        var workers = Enumerable.Range(0, silos.Count).Select(i => grains.GetGrain<IIngestGrain>(ShardMap.Key("ingest", i))).ToArray();
        (int dimension, _) = await Describe(workers[0], options.Collection).ConfigureAwait(false);
        if (dimension != input.Dimension)
            throw UserInputException.ForFile(options.Input, $"has {input.Dimension}-d vectors; collection '{options.Collection}' encodes {dimension}-d ones");

        var watch = Stopwatch.StartNew();
        var running = new List<Task<int>>();
        var slots = new SemaphoreSlim(workers.Length * options.InFlight);
        long done = 0;
        int next = 0;
        for (int start = 0; start < input.Rows; start += options.BatchRows)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            int rows = Math.Min(options.BatchRows, input.Rows - start);
            var vectors = new float[(long)rows * dimension];
            input.ReadRows(start, rows, vectors);
            var worker = workers[next++ % workers.Length];
            long firstId = options.FirstId + start;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    int added = await Send(worker, options.Collection, firstId, rows, vectors).ConfigureAwait(false);
                    progress(Interlocked.Add(ref done, added), input.Rows);
                    return added;
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
            if (running.Find(t => t.IsFaulted) is { } failed) await failed.ConfigureAwait(false);
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        var report = new IngestReport(done, workers.Length, watch.Elapsed);
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task<IHost> StartClient(IngestOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (string.Equals(options.Connection, ClusterNodeOptions.Localhost, StringComparison.Ordinal))
            {
                client.UseLocalhostClustering(options.GatewayPort, "sigah", options.ClusterId);
                return;
            }
            client.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = PostgresMembership.Invariant;
                adoNet.ConnectionString = options.Connection;
            });
            client.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = "sigah";
            });
        });
        var host = builder.Build();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(ConnectPatience);
        try
        {
            await host.StartAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            string why = e is OperationCanceledException ? $"none answered within {ConnectPatience.TotalSeconds:F0} s" : e.Message;
            throw new UserInputException($"--cluster: no silo of cluster '{options.ClusterId}' could be reached ({why})");
        }
        return host;
    }

    private static async Task<(int Dimension, int Bits)> Describe(IIngestGrain worker, string collection)
    {
        try
        {
            return await worker.Describe(collection).ConfigureAwait(false);
        }
        catch (CollectionGoneException)
        {
            throw new UserInputException($"--collection: collection '{collection}' does not exist in the cluster (create it with PUT /collections/{collection}?shards=S)");
        }
    }

    private static async Task<int> Send(IIngestGrain worker, string collection, long firstId, int rows, float[] vectors)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await worker.Add(collection, firstId, rows, vectors).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && e is not CollectionGoneException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt)).ConfigureAwait(false);
            }
        }
    }
}
