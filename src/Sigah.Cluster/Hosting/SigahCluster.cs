using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Sigah.Cluster.Api;
using Sigah.Cluster.Grains;
using Sigah.Cluster.Membership;
using Sigah.Cluster.Placement;
using Sigah.Cluster.Storage;
using Sigah.Core;
using Sigah.Server;

namespace Sigah.Cluster.Hosting;

/// <summary>
/// <c>sigah serve --cluster</c>: an Orleans silo that also serves the HTTP API of <c>sigah serve</c> (docs/cluster.md).
/// Membership is Orleans' ADO.NET clustering on PostgreSQL (tables created when missing), or, for
/// <c>--cluster localhost</c>, a one-process development cluster. Collections are sharded into grains whose state
/// lives in storage every silo reaches, so a silo's death only moves its shards.
/// </summary>
internal static class SigahCluster
{
    /// <summary>
    /// How fast a dead silo is noticed: probes time out after 1 s (at most 2 s when the silo is degraded), the table
    /// is re-read every 2 s, and two voters' three missed probes declare a silo dead — ~2 s on a LAN instead of the
    /// defaults' 10-30 s. A Sigah cluster's shards are cheap to move (their state is shared), so a false suspicion
    /// (a long pause) costs little and a slow detection costs answers; two votes keep one confused silo from
    /// killing another alone.
    /// </summary>
    internal static ISiloBuilder FastFailureDetection(ISiloBuilder silo)
    {
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        });
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
        silo.Configure<ConnectionOptions>(connections =>
        {
            connections.OpenConnectionTimeout = TimeSpan.FromSeconds(2);
            connections.ConnectionRetryDelay = TimeSpan.FromMilliseconds(500);
        });
        return silo;
    }

    /// <summary>The silo and its HTTP API, ready to start (PostgreSQL's membership tables are made first when missing).</summary>
    public static async Task<WebApplication> BuildAsync(ClusterNodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsLocalhost) await PostgresMembership.EnsureSchemaAsync(options.Connection, cancellationToken).ConfigureAwait(false);
        if (options.Storage == ShardStorageKind.Postgres && options.IsLocalhost)
            throw new UserInputException("--storage postgres: needs --cluster CONNECTION (a PostgreSQL connection string), not localhost");
        IShardStorage storage = options.Storage == ShardStorageKind.Postgres
            ? new PostgresShardStorage(options.Connection)
            : new DirectoryShardStorage(Path.Combine(options.Server.DataDirectory, "cluster"));
        return SigahServer.Build(options.Server, builder => Configure(builder, options, storage),
            (services, _) => services.GetRequiredService<ClusterCollections>(),
            (app, collections) => ClusterEndpoints.Map(app, (ClusterCollections)collections,
                app.Services.GetRequiredService<IClusterMembershipService>(), options.ClusterId));
    }

    private static void Configure(WebApplicationBuilder builder, ClusterNodeOptions options, IShardStorage storage)
    {
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<LocalShards>();
        builder.Services.AddSingleton(services => new ClusterCollections(storage, services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<LocalShards>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Sigah.Cluster")));
        builder.UseOrleans(silo =>
        {
            if (options.IsLocalhost)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            }
            else
            {
                silo.UseAdoNetClustering(adoNet =>
                {
                    adoNet.Invariant = PostgresMembership.Invariant;
                    adoNet.ConnectionString = options.Connection;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = "sigah";
            });
            FastFailureDetection(silo);
            silo.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        });
    }
}
