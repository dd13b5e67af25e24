using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Sigah.Cluster.Tests;

/// <summary>
/// A PostgreSQL 15 server of the test run's own: a fresh cluster in a temporary directory (trust authentication,
/// 127.0.0.1 on a free port, fsync on), started as the <c>postgres</c> user since the tests run as root and
/// PostgreSQL refuses to run as root. Shared by every class in the <see cref="PostgresCollection"/>; each test
/// takes a database of its own (<see cref="CreateDatabase"/>). Stopped and removed on dispose.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private readonly string _data;

    public PrivatePostgres()
    {
        if (!File.Exists(Path.Combine(Bin, "pg_ctl")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/pg_ctl is missing): apt-get install postgresql (scripts/deps.sh does)");
        _directory = Directory.CreateTempSubdirectory("sigah-postgres-").FullName;
        _data = Path.Combine(_directory, "data");
        try
        {
            Run("chown", "postgres:postgres", _directory);
            // --no-sync: only initdb's own files go unsynced (a crash of the test run loses nothing of value); the server runs with fsync on.
            Run("runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", _data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
            Port = TestData.FreePort();
            string options = $"-c listen_addresses=127.0.0.1 -p {Port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories={_directory} -c fsync=on";
            Run("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "start", "-w", "-D", _data, "-l", Path.Combine(_directory, "server.log"), "-o", options);
        }
        catch
        {
            Directory.Delete(_directory, recursive: true);
            throw;
        }
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's <c>postgres</c> database.</summary>
    public string ConnectionString => Connection("postgres");

    /// <summary>A new, empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        string name = "test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return Connection(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "stop", "-m", "immediate", "-D", _data);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string log = Path.Combine(_directory, "server.log");
            string server = File.Exists(log) ? File.ReadAllText(log) : "";
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error}{server}");
        }
    }
}

/// <summary>The test classes that share one <see cref="PrivatePostgres"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "private PostgreSQL";
}
