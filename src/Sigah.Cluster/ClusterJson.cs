using System.Text.Json.Serialization;
using Sigah.Cluster.Storage;

namespace Sigah.Cluster;

/// <summary>Source-generated JSON for the files the cluster stores.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredDescription))]
internal sealed partial class ClusterJson : JsonSerializerContext;
