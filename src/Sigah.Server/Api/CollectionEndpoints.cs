using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Server.Collections;

namespace Sigah.Server.Api;

/// <summary>The collection routes (<c>../shared/CONTRACT.md</c>, docs/server.md).</summary>
internal static class CollectionEndpoints
{
    private const string ProblemType = "application/problem+json";
    private const int MaxShards = 1024;

    /// <summary>Maps the routes under <c>/collections</c>.</summary>
    public static void Map(IEndpointRouteBuilder app, ICollectionService collections, ServerOptions options, ServerMetrics metrics)
    {
        var group = app.MapGroup("/collections").WithTags("collections");

        group.MapGet("/", async () =>
        {
            var all = await collections.ListAsync().ConfigureAwait(false);
            var infos = await Task.WhenAll(all.Select(c => c.DescribeAsync())).ConfigureAwait(false);
            return TypedResults.Json(new CollectionList(infos), ApiJson.Api.CollectionList);
        })
            .WithSummary("Every collection with its sizes").Produces<CollectionList>();

        group.MapGet("/{name}", async (string name) =>
            TypedResults.Json(await (await Get(collections, name).ConfigureAwait(false)).DescribeAsync().ConfigureAwait(false), ApiJson.Api.CollectionInfo))
            .WithSummary("A collection: method, bits, dimension, count, sizes")
            .Produces<CollectionInfo>().Produces<Problem>(StatusCodes.Status404NotFound, ProblemType);

        // Query parameters are bound as text (so the OpenAPI document lists them) and parsed here, so a bad value is a
        // problem naming the parameter rather than the framework's bare 400.
        group.MapPut("/{name}", async (string name, HttpRequest request, [FromQuery(Name = "rerank")] string? keepVectors, [FromQuery(Name = "shards")] string? shardCount) =>
        {
            if (!CollectionRegistry.ValidName().IsMatch(name))
                throw ApiProblem.BadRequest("name", "a collection name is a letter or digit, then up to 63 letters, digits, '.', '_' or '-'");
            bool rerank = Flag(keepVectors, "rerank");
            // One node holds a collection as one shard; the cluster honours ?shards= (../shared/CONTRACT.md).
            int shards = shardCount is null ? options.DefaultShards : QueryInt(shardCount, "shards");
            if (shards < 1 || shards > MaxShards) throw ApiProblem.BadRequest("shards", $"{shards} is out of range: 1 to {MaxShards}");
            byte[] modelBytes = await ReadModel(request).ConfigureAwait(false);
            var (outcome, collection) = await collections.CreateAsync(name, modelBytes, new CollectionSettings(rerank), shards).ConfigureAwait(false);
            return outcome switch
            {
                CreateOutcome.Created => Results.Json(await collection.DescribeAsync().ConfigureAwait(false), ApiJson.Api.CollectionInfo, statusCode: StatusCodes.Status201Created),
                CreateOutcome.Unchanged => Results.Json(await collection.DescribeAsync().ConfigureAwait(false), ApiJson.Api.CollectionInfo),
                _ => throw new ApiProblem(StatusCodes.Status409Conflict, "name",
                    $"collection '{name}' exists with another model or settings: delete it first"),
            };
        })
            .WithSummary("Create a collection from a model file (body: the file's bytes; ?rerank=true keeps vectors for L2 re-ranking)")
            .Accepts<byte[]>("application/octet-stream").Produces<CollectionInfo>(StatusCodes.Status201Created)
            .Produces<Problem>(StatusCodes.Status400BadRequest, ProblemType).Produces<Problem>(StatusCodes.Status409Conflict, ProblemType);

        group.MapDelete("/{name}", async (string name) =>
        {
            if (!await collections.DeleteAsync(name).ConfigureAwait(false)) throw NotFound(name);
            return Results.NoContent();
        }).WithSummary("Delete a collection and its files").Produces(StatusCodes.Status204NoContent).Produces<Problem>(StatusCodes.Status404NotFound, ProblemType);

        group.MapPost("/{name}/vectors", async (string name, HttpRequest request, [FromQuery(Name = "first_id")] string? firstId) =>
        {
            var collection = await Get(collections, name).ConfigureAwait(false);
            var (ids, vectors) = await ReadAdd(request, firstId, collection, options).ConfigureAwait(false);
            var codes = Encode(collection, vectors, ids.Length);
            var outcome = await collection.UpsertAsync(ids, codes.Data, collection.Settings.Rerank ? vectors : null).ConfigureAwait(false);
            return TypedResults.Json(new AddResponse(outcome.Affected, outcome.Count), ApiJson.Api.AddResponse);
        })
            .WithSummary("Add vectors (JSON {ids, vectors} or npy float32 [n, d] with ?first_id=); an existing id is replaced; answered once durable")
            .Accepts<AddRequest>("application/json", RequestBodies.Npy).Produces<AddResponse>()
            .Produces<Problem>(StatusCodes.Status400BadRequest, ProblemType).Produces<Problem>(StatusCodes.Status507InsufficientStorage, ProblemType);

        group.MapGet("/{name}/vectors/{id}", async (string name, string id) =>
        {
            var collection = await Get(collections, name).ConfigureAwait(false);
            if (!collection.Settings.Rerank)
                throw ApiProblem.BadRequest("name", $"collection '{name}' keeps no vectors (create it with ?rerank=true)");
            long key = ParseId(id);
            var vector = await collection.FindVectorAsync(key).ConfigureAwait(false)
                ?? throw new ApiProblem(StatusCodes.Status404NotFound, "id", $"collection '{name}' holds no vector with id {key}");
            return TypedResults.Json(new VectorResponse(key, vector), ApiJson.Api.VectorResponse);
        }).WithSummary("A stored vector (collections that keep vectors)").Produces<VectorResponse>().Produces<Problem>(StatusCodes.Status404NotFound, ProblemType);

        group.MapPost("/{name}/delete", async (string name, HttpRequest request) =>
        {
            var collection = await Get(collections, name).ConfigureAwait(false);
            var body = await RequestBodies.ReadJson(request, ApiJson.Api.DeleteRequest).ConfigureAwait(false);
            var ids = body.Ids ?? throw ApiProblem.BadRequest("ids", "required: the ids to delete");
            CheckIds(ids, options.MaxVectorsPerRequest);
            var outcome = await collection.DeleteAsync(ids).ConfigureAwait(false);
            return TypedResults.Json(new DeleteResponse(outcome.Affected, outcome.Count), ApiJson.Api.DeleteResponse);
        })
            .WithSummary("Delete ids; answered once durable").Accepts<DeleteRequest>("application/json").Produces<DeleteResponse>()
            .Produces<Problem>(StatusCodes.Status400BadRequest, ProblemType);

        group.MapPost("/{name}/search", async (string name, HttpRequest request, [FromQuery(Name = "k")] string? kText, [FromQuery(Name = "rerank")] string? rerankText,
            [FromQuery(Name = "radius")] string? radiusText) =>
        {
            var collection = await Get(collections, name).ConfigureAwait(false);
            var (count, vectors, k, rerank, radius) = await ReadSearch(request, new SearchQuery(kText, rerankText, radiusText), collection, options)
                .ConfigureAwait(false);
            long start = Stopwatch.GetTimestamp();
            var answers = await collection.SearchAsync(Encode(collection, vectors, count), vectors, k, rerank, radius).ConfigureAwait(false);
            metrics.RecordSearch(collection.Name, count, Stopwatch.GetElapsedTime(start));
            return TypedResults.Json(new SearchResponse([.. answers.Select(a => a.Ids)], [.. answers.Select(a => Array.ConvertAll(a.Distances, d => (float)d))]),
                ApiJson.Api.SearchResponse);
        })
            .WithSummary("Exact k nearest neighbours of each query vector (ties by the smaller id); JSON or npy with ?k=&rerank=&radius=")
            .Accepts<SearchRequest>("application/json", RequestBodies.Npy).Produces<SearchResponse>()
            .Produces<Problem>(StatusCodes.Status400BadRequest, ProblemType).Produces<Problem>(StatusCodes.Status404NotFound, ProblemType);
    }

    private static async Task<IServedCollection> Get(ICollectionService collections, string name) =>
        await collections.FindAsync(name).ConfigureAwait(false) ?? throw NotFound(name);

    /// <summary>The codes of <paramref name="count"/> vectors (row-major), in parallel blocks when many.</summary>
    private static PackedCodes Encode(IServedCollection collection, float[] vectors, int count) =>
        collection.Model.EncodeAll(new FloatMatrix(count, collection.Model.Dimension, vectors));

    private static ApiProblem NotFound(string name) => new(StatusCodes.Status404NotFound, "name", $"collection '{name}' does not exist");

    private static async Task<byte[]> ReadModel(HttpRequest request)
    {
        byte[] bytes = await RequestBodies.ReadAll(request).ConfigureAwait(false);
        try
        {
            ModelFile.FromBytes(bytes, "model");
        }
        catch (UserInputException e)
        {
            throw ApiProblem.BadRequest("body", e.Message);
        }
        return bytes;
    }

    private static async Task<(long[] Ids, float[] Vectors)> ReadAdd(HttpRequest request, string? firstId, IServedCollection collection, ServerOptions options)
    {
        int d = collection.Model.Dimension;
        long[] ids;
        float[] vectors;
        if (RequestBodies.IsNpy(request))
        {
            long first = firstId is not null ? QueryLong(firstId, "first_id")
                : throw ApiProblem.BadRequest("first_id", "required with an npy body: the id of the first row");
            (int rows, vectors) = await RequestBodies.ReadNpy(request, d).ConfigureAwait(false);
            if (first < 0 || first > long.MaxValue - rows) throw ApiProblem.BadRequest("first_id", $"{first} is out of range");
            ids = new long[rows];
            for (int i = 0; i < rows; i++) ids[i] = first + i;
        }
        else
        {
            var body = await RequestBodies.ReadJson(request, ApiJson.Api.AddRequest).ConfigureAwait(false);
            ids = body.Ids ?? throw ApiProblem.BadRequest("ids", "required: one id per vector");
            var rows = body.Vectors ?? throw ApiProblem.BadRequest("vectors", "required: the vectors to add");
            if (ids.Length != rows.Length) throw ApiProblem.BadRequest("ids", $"{ids.Length} ids for {rows.Length} vectors");
            vectors = RequestBodies.Flatten(rows, d);
        }
        if (ids.Length == 0) throw ApiProblem.BadRequest("vectors", "at least one vector is required");
        CheckIds(ids, options.MaxVectorsPerRequest);
        return (ids, vectors);
    }

    private static void CheckIds(long[] ids, int limit)
    {
        if (ids.Length > limit) throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, "ids", $"{ids.Length} in one request is more than the server's limit of {limit}");
        var seen = new HashSet<long>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) throw ApiProblem.BadRequest($"ids[{i}]", $"{ids[i]} is negative");
            if (!seen.Add(ids[i])) throw ApiProblem.BadRequest($"ids[{i}]", $"{ids[i]} is given twice");
        }
    }

    /// <summary>The query string of an npy search.</summary>
    private sealed record SearchQuery(string? K, string? Rerank, string? Radius);

    private static async Task<(int Count, float[] Vectors, int K, int Rerank, int? Radius)> ReadSearch(HttpRequest request, SearchQuery query,
        IServedCollection collection, ServerOptions options)
    {
        int d = collection.Model.Dimension;
        int count, k, rerank;
        int? radius;
        float[] vectors;
        if (RequestBodies.IsNpy(request))
        {
            k = query.K is null ? 10 : QueryInt(query.K, "k");
            rerank = query.Rerank is null ? 0 : QueryInt(query.Rerank, "rerank");
            radius = query.Radius is null ? null : QueryInt(query.Radius, "radius");
            (count, vectors) = await RequestBodies.ReadNpy(request, d).ConfigureAwait(false);
        }
        else
        {
            byte[] json = await RequestBodies.ReadJsonBytes(request).ConfigureAwait(false);
            if (SearchBody.TryRead(json, d) is { } fast)
            {
                (count, vectors) = (fast.Count, fast.Vectors);
                RequestBodies.CheckFinite(vectors, d);
                (k, rerank, radius) = (fast.K ?? 10, fast.Rerank ?? 0, fast.Radius);
            }
            else
            {
                var body = RequestBodies.Parse(json, ApiJson.Api.SearchRequest);
                var rows = body.Vectors ?? throw ApiProblem.BadRequest("vectors", "required: the query vectors");
                (k, rerank, radius) = (body.K ?? 10, body.Rerank ?? 0, body.Radius);
                count = rows.Length;
                if (count > options.MaxQueriesPerRequest) throw TooManyQueries(count, options);
                vectors = RequestBodies.Flatten(rows, d);
            }
        }
        if (count == 0) throw ApiProblem.BadRequest("vectors", "at least one query vector is required");
        if (count > options.MaxQueriesPerRequest) throw TooManyQueries(count, options);
        if (k < 1 || k > options.MaxK) throw ApiProblem.BadRequest("k", $"{k} is out of range: 1 to {options.MaxK}");
        if (rerank < 0 || rerank > options.MaxK) throw ApiProblem.BadRequest("rerank", $"{rerank} is out of range: 0 (none) to {options.MaxK}");
        if (rerank > 0 && !collection.Settings.Rerank)
            throw ApiProblem.BadRequest("rerank", $"collection '{collection.Name}' keeps no vectors (create it with ?rerank=true)");
        if (radius is { } r && (r < 0 || r > collection.Model.Bits))
            throw ApiProblem.BadRequest("radius", $"{r} is out of range: 0 to {collection.Model.Bits}");
        return (count, vectors, k, rerank, radius);
    }

    private static ApiProblem TooManyQueries(int count, ServerOptions options) => new(StatusCodes.Status413PayloadTooLarge, "vectors",
        $"{count} queries in one request is more than the server's limit of {options.MaxQueriesPerRequest}");

    private static bool Flag(string? text, string name) => text switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw ApiProblem.BadRequest(name, $"'{other}' is not true or false"),
    };

    private static int QueryInt(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value : throw ApiProblem.BadRequest(name, $"'{text}' is not an integer");

    private static long QueryLong(string text, string name) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value : throw ApiProblem.BadRequest(name, $"'{text}' is not an integer");

    private static long ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : throw ApiProblem.BadRequest("id", $"'{id}' is not an id");
}
