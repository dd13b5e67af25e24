namespace Sigah.Cli.Cluster;

/// <summary>The cluster options of <c>sigah serve --cluster</c>.</summary>
internal sealed record ClusterArguments(string Connection, int SiloPort, int GatewayPort, string Advertise, string ClusterId, string Storage);

/// <summary>The options of <c>sigah ingest</c>.</summary>
internal sealed record IngestArguments(string Connection, string Collection, string Input, long FirstId, int Batch, int InFlight, string ClusterId, int GatewayPort);
