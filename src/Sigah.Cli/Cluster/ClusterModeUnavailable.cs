using Sigah.Cli.Commands;
using Sigah.Core;
using Sigah.Server;

namespace Sigah.Cli.Cluster;

/// <summary>
/// The cluster commands in the Native AOT build, which cannot carry Orleans (it is not AOT-compatible): they say
/// where the cluster commands are. `./sigah` runs them through the JIT-compiled build itself.
/// </summary>
internal static class ClusterMode
{
    private const string Why = "cluster mode runs on Orleans, which cannot be compiled ahead of time: use ./sigah or the .NET tool (dotnet tool install Sigah.Cli)";

    /// <summary>Refuses: this build has no cluster mode.</summary>
    public static Task<int> ServeAsync(ServerOptions server, ClusterArguments cluster, CancellationToken token) => throw new UserInputException($"--cluster: {Why}");

    /// <summary>Refuses: this build has no cluster mode.</summary>
    public static Task<int> IngestAsync(IngestArguments options, CancellationToken token) => throw new UserInputException($"ingest: {Why}");
}
