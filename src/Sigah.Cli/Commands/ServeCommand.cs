using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Sigah.Cli.Cluster;
using Sigah.Core;
using Sigah.Server;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah serve --data DIR [--urls URL] [--api-keys FILE]</c>: the HTTP service over collections (docs/server.md);
/// with <c>--cluster CONNECTION</c>, one silo of a cluster serving the same API over sharded collections (docs/cluster.md).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServerOptions { DataDirectory = "." };
        var data = CommonOptions.RequiredPath("--data", "Data directory: collections, write-ahead logs and snapshots (created if missing)");
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (loopback unless told otherwise)",
            DefaultValueFactory = _ => string.Join(';', defaults.Urls),
        };
        var keys = new Option<string?>("--api-keys") { Description = "File of API keys, lines 'read KEY' or 'write KEY'; without it no key is asked for" };
        var maxBody = Limit<long>("--max-body-bytes", "Largest request body in bytes", defaults.MaxBodyBytes);
        var maxVectors = Limit<int>("--max-batch", "Most vectors in one add or delete request", defaults.MaxVectorsPerRequest);
        var maxQueries = Limit<int>("--max-queries", "Most query vectors in one search request", defaults.MaxQueriesPerRequest);
        var maxConcurrent = Limit<int>("--max-concurrent", "Requests served at once (as many more wait; beyond that 503)", defaults.MaxConcurrentRequests);
        var sealRows = Limit<int>("--seal-rows", "Rows of a growing segment before it is sealed into its own index", defaults.SealRows);
        var snapshotSeconds = Limit<int>("--snapshot-seconds", "Seconds after which a changed collection is snapshotted", (int)defaults.SnapshotInterval.TotalSeconds);
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Run as a silo of a cluster whose membership is in this PostgreSQL database (an Npgsql connection string), or 'localhost' for a one-process dev cluster",
        };
        var siloPort = Limit<int>("--silo-port", "Cluster: port silos talk to each other on", 11111);
        var gatewayPort = Limit<int>("--gateway-port", "Cluster: port clients (sigah ingest) connect to", 30000);
        var advertise = new Option<string>("--advertise") { Description = "Cluster: the IP address other silos reach this one at (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Cluster: its name; silos with the same name and database form one cluster (default sigah)", DefaultValueFactory = _ => "sigah" };
        var storage = new Option<string>("--storage")
        {
            Description = "Cluster: where shards keep their state: 'directory' ({data}/cluster, which every silo must share) or 'postgres' (the --cluster database)",
            DefaultValueFactory = _ => "directory",
        };
        var shards = Limit<int>("--shards", "Cluster: shards of a collection created without ?shards=", 8);
        var command = new Command("serve", "Serve collections of binary codes over HTTP: add, delete and search vectors online, durably");
        foreach (var option in new Option[] { data, urls, keys, maxBody, maxVectors, maxQueries, maxConcurrent, sealRows, snapshotSeconds,
            cluster, siloPort, gatewayPort, advertise, clusterId, storage, shards })
            command.Options.Add(option);
        command.SetAction(async (parse, token) =>
        {
            long body = Positive(parse, maxBody);
            var options = new ServerOptions
            {
                DataDirectory = Path.GetFullPath(parse.GetValue(data)!),
                Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ApiKeysFile = parse.GetValue(keys),
                MaxBodyBytes = body,
                MaxVectorsPerRequest = (int)Positive(parse, maxVectors),
                MaxQueriesPerRequest = (int)Positive(parse, maxQueries),
                MaxConcurrentRequests = (int)Positive(parse, maxConcurrent),
                SealRows = (int)Positive(parse, sealRows),
                SnapshotInterval = TimeSpan.FromSeconds(Positive(parse, snapshotSeconds)),
                DefaultShards = (int)Positive(parse, shards),
            };
            if (options.Urls.Count == 0) throw new UserInputException("--urls: at least one address is required");
            if (parse.GetValue(cluster) is { } connection)
            {
                return await ClusterMode.ServeAsync(options, new ClusterArguments(connection, (int)Positive(parse, siloPort), (int)Positive(parse, gatewayPort),
                    parse.GetValue(advertise)!, parse.GetValue(clusterId)!, parse.GetValue(storage)!), token).ConfigureAwait(false);
            }
            await using var app = SigahServer.Build(options);
            await app.StartAsync(token).ConfigureAwait(false);
            Console.WriteLine($"sigah serve: listening on {string.Join(", ", app.Urls)}, data in {options.DataDirectory}");
            await app.WaitForShutdownAsync(token).ConfigureAwait(false);
            return CliRunner.Ok;
        });
        return command;
    }

    private static Option<T> Limit<T>(string name, string description, T value) => new(name) { Description = $"{description} (default {value})", DefaultValueFactory = _ => value };

    private static long Positive<T>(ParseResult parse, Option<T> option) where T : struct, IConvertible
    {
        long value = Convert.ToInt64(parse.GetValue(option), System.Globalization.CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new UserInputException($"{option.Name}: {value} must be positive");
    }
}
