using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sigah.Server.Api;

/// <summary>Body of <c>POST /collections/{name}/search</c> (every member optional but the vectors).</summary>
/// <param name="Vectors">Query vectors, each of the model's dimension.</param>
/// <param name="K">Neighbours per query (default 10, at most the server's limit).</param>
/// <param name="Rerank">Hamming shortlist to re-rank by squared L2 (0 = none; needs a collection that keeps vectors).</param>
/// <param name="Radius">When given, only neighbours within this Hamming distance.</param>
internal sealed record SearchRequest(float[][]? Vectors = null, int? K = null, int? Rerank = null, int? Radius = null);

/// <summary>Answer of a search: per query, ids nearest first and their distances (Hamming, or squared L2 when re-ranked).</summary>
internal sealed record SearchResponse(long[][] Ids, float[][] Distances);

/// <summary>Body of a JSON <c>POST /collections/{name}/vectors</c>.</summary>
/// <param name="Ids">One id per vector (an existing id is replaced).</param>
/// <param name="Vectors">The vectors, each of the model's dimension.</param>
internal sealed record AddRequest(long[]? Ids = null, float[][]? Vectors = null);

/// <summary>Answer of an add: vectors added (or replaced) and the collection's count after it.</summary>
internal sealed record AddResponse(int Added, int Count);

/// <summary>Body of <c>POST /collections/{name}/delete</c>.</summary>
/// <param name="Ids">The ids to delete (ids not present are not counted).</param>
internal sealed record DeleteRequest(long[]? Ids = null);

/// <summary>Answer of a delete: ids that were present and are gone, and the count after it.</summary>
internal sealed record DeleteResponse(int Removed, int Count);

/// <summary>A stored vector (collections that keep vectors).</summary>
internal sealed record VectorResponse(long Id, float[] Vector);

/// <summary>What <c>GET /collections/{name}</c> tells.</summary>
internal sealed record CollectionInfo(string Name, string Method, int Bits, int Dimension, int Count, bool Rerank, int Deleted, int Segments,
    long MemoryBytes, long DiskBytes, long LogPosition);

/// <summary>Every collection.</summary>
internal sealed record CollectionList(CollectionInfo[] Collections);

/// <summary>Answer of <c>GET /health</c>.</summary>
internal sealed record HealthResponse(string Status, int Collections);

/// <summary>An RFC 9457 problem: what went wrong, and the request field it concerns.</summary>
internal sealed record Problem(string Type, string Title, int Status, string Detail, string? Field, string? Instance);

/// <summary>The API's JSON (source-generated, camelCase, unknown members refused so a misspelt field is an error).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(AddRequest))]
[JsonSerializable(typeof(AddResponse))]
[JsonSerializable(typeof(DeleteRequest))]
[JsonSerializable(typeof(DeleteResponse))]
[JsonSerializable(typeof(VectorResponse))]
[JsonSerializable(typeof(CollectionInfo))]
[JsonSerializable(typeof(CollectionList))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class ApiJson : JsonSerializerContext
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The API's serializer: as <c>Default</c>, without escaping quotes and non-ASCII letters in messages.</summary>
    public static ApiJson Api { get; } = new(Relaxed);
}
