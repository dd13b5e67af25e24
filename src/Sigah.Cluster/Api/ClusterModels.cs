using System.Text.Json;
using System.Text.Json.Serialization;
using Sigah.Cluster.Grains;

namespace Sigah.Cluster.Api;

/// <summary>What <c>GET /cluster</c> tells: the silos, the shard storage, and where each shard lives.</summary>
internal sealed record ClusterResponse(string ClusterId, string Storage, SiloInfo[] Silos, ClusterCollectionInfo[] Collections);

/// <summary>A silo as the membership table records it.</summary>
internal sealed record SiloInfo(string Address, string Name, string Status);

/// <summary>A clustered collection's shards.</summary>
internal sealed record ClusterCollectionInfo(string Name, int Shards, ShardStatus[] Placement);

/// <summary>Source-generated JSON of the cluster's routes (camelCase, as the rest of the API).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClusterResponse))]
internal sealed partial class ClusterApiJson : JsonSerializerContext;
