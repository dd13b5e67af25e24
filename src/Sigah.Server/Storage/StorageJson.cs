using System.Text.Json.Serialization;
using Sigah.Server.Collections;

namespace Sigah.Server.Storage;

/// <summary>The JSON files of the data directory (source-generated, so the server runs under Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(CollectionSettings))]
internal sealed partial class StorageJson : JsonSerializerContext;
