using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Sigah.Cluster.Membership;

namespace Sigah.Cluster.Tests;

/// <summary>Orleans' ADO.NET clustering on our PostgreSQL schema and statements: two silos and a client on one machine.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTests(PrivatePostgres postgres)
{
    private const string ClusterId = "membership-test", ServiceId = "sigah-test";
    private const int Active = (int)SiloStatus.Active, Dead = (int)SiloStatus.Dead;

    [Fact]
    public async Task Schema_is_idempotent_and_silos_join_see_each_other_and_see_one_leave()
    {
        string connection = postgres.CreateDatabase();
        await PostgresMembership.EnsureSchemaAsync(connection);
        await PostgresMembership.EnsureSchemaAsync(connection);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PostgresMembership.EnsureSchemaAsync(connection))));
        Assert.Equal(MembershipQueries.All.Length, await CountAsync(connection, "SELECT count(*) FROM OrleansQuery"));

        using IHost first = await StartSiloAsync(connection), second = await StartSiloAsync(connection);
        SiloAddress a = AddressOf(first), b = AddressOf(second);
        await EventuallyAsync(() => Status(first, b) == SiloStatus.Active && Status(second, a) == SiloStatus.Active);
        Assert.Equal(2, await CountAsync(connection, $"SELECT count(*) FROM orleans_membership WHERE status = {Active}"));

        using (IHost client = await StartClientAsync(connection))
        {
            var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
            Assert.Contains(a, hosts.Keys);
            Assert.Contains(b, hosts.Keys);
            await client.StopAsync();
        }

        await second.StopAsync();
        await EventuallyAsync(() => Status(first, b) == SiloStatus.Dead);
        Assert.Equal(1, await CountAsync(connection, $"SELECT count(*) FROM orleans_membership WHERE status = {Dead} AND port = {b.Endpoint.Port}"));

        // The defunct-entry cleanup removes the dead silo's row and keeps the live one's.
        await first.Services.GetRequiredService<IMembershipTable>().CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(1, await CountAsync(connection, $"SELECT count(*) FROM orleans_membership WHERE status = {Active} AND port = {a.Endpoint.Port}"));
        Assert.Equal(1, await CountAsync(connection, "SELECT count(*) FROM orleans_membership"));
        await first.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(string connection)
    {
        int siloPort = TestData.FreePort(), gatewayPort = TestData.FreePort();
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => Hosting.SigahCluster.FastFailureDetection(silo
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresMembership.Invariant, connection))))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> StartClientAsync(string connection)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresMembership.Invariant, connection)))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static SiloAddress AddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static SiloStatus Status(IHost silo, SiloAddress of) =>
        silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(of);

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(100);
        }
    }

    private static async Task<long> CountAsync(string connection, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

}
