using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
public sealed class MembershipTests
{
    private const string ClusterId = "membership-test", ServiceId = "sigah-test";
    private const int Active = (int)SiloStatus.Active, Dead = (int)SiloStatus.Dead;

    [Fact]
    public async Task Schema_is_idempotent_and_silos_join_see_each_other_and_see_one_leave()
    {
        await using var postgres = await MembershipPostgres.StartAsync();
        string connection = postgres.ConnectionString;
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
        int siloPort = FreePort(), gatewayPort = FreePort();
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => FastFailureDetection(silo
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

    /// <summary>
    /// Settings under which a silo killed outright is declared dead within seconds rather than the defaults' tens of
    /// seconds to minutes: probes every second that time out after at most two, table refreshes every two seconds.
    /// </summary>
    internal static ISiloBuilder FastFailureDetection(ISiloBuilder silo) => silo
        .Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        })
        .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10))
        .Configure<ConnectionOptions>(o => (o.OpenConnectionTimeout, o.ConnectionRetryDelay) = (TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)));

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A throwaway PostgreSQL 15 cluster in a temporary directory, owned by <c>postgres</c> (tests run as root).</summary>
    private sealed class MembershipPostgres : IAsyncDisposable
    {
        private const string Bin = "/usr/lib/postgresql/15/bin";
        private readonly string _directory;

        private MembershipPostgres(string directory, int port)
        {
            _directory = directory;
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
        }

        public string ConnectionString { get; }

        private string Data => Path.Combine(_directory, "data");

        public static async Task<MembershipPostgres> StartAsync()
        {
            string directory = Path.Combine(Path.GetTempPath(), "sigah-membership-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var postgres = new MembershipPostgres(directory, FreePort());
            await RunAsync("chown", "postgres:postgres", directory);
            await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", postgres.Data, "-A", "trust", "-U", "postgres", "--no-sync");
            int port = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port;
            await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", postgres.Data, "-l", Path.Combine(directory, "log"), "-w",
                "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off", "start");
            return postgres;
        }

        public async ValueTask DisposeAsync()
        {
            await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
            Directory.Delete(_directory, recursive: true);
        }

        private static async Task RunAsync(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
