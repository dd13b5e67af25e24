using System.CommandLine;
using Sigah.Cli.Cluster;
using Sigah.Core;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah ingest --cluster CONNECTION --collection C --input FILE</c>: adds a large vector file to a clustered
/// collection, the silos encoding ranges of it in parallel (docs/cluster.md).
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster's PostgreSQL connection string (as its silos were given), or 'localhost'", Required = true };
        var collection = new Option<string>("--collection") { Description = "The clustered collection to add to (created beforehand: its model encodes)", Required = true };
        var input = CommonOptions.RequiredPath("--input", "Vector file (fvecs, bvecs, fbin, u8bin, npy, HDF5, IDX, …)");
        var firstId = new Option<long>("--first-id") { Description = "Id of the file's first row; row r gets id first-id + r (default 0)", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Rows per range sent to a silo (default 50,000)", DefaultValueFactory = _ => 50_000 };
        var inFlight = new Option<int>("--in-flight") { Description = "Ranges each silo works on at once (default 2)", DefaultValueFactory = _ => 2 };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's name (default sigah)", DefaultValueFactory = _ => "sigah" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "With --cluster localhost: the silo's gateway port (default 30000)", DefaultValueFactory = _ => 30000 };
        var command = new Command("ingest", "Add a large vector file to a clustered collection: silos encode ranges of it in parallel");
        foreach (var option in new Option[] { cluster, collection, input, firstId, batch, inFlight, clusterId, gatewayPort }) command.Options.Add(option);
        command.SetAction((parse, token) =>
        {
            int rows = parse.GetValue(batch), flight = parse.GetValue(inFlight);
            if (rows < 1) throw new UserInputException($"--batch: {rows} must be positive");
            if (flight < 1) throw new UserInputException($"--in-flight: {flight} must be positive");
            return ClusterMode.IngestAsync(new IngestArguments(parse.GetValue(cluster)!, parse.GetValue(collection)!, parse.GetValue(input)!,
                parse.GetValue(firstId), rows, flight, parse.GetValue(clusterId)!, parse.GetValue(gatewayPort)), token);
        });
        return command;
    }
}
