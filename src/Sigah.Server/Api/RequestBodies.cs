using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Sigah.Core;
using Sigah.IO;

namespace Sigah.Server.Api;

/// <summary>
/// Reads request bodies: JSON into the API's records, and <c>application/x-npy</c> float32 matrices. Everything
/// wrong with a body is an <see cref="ApiProblem"/> naming the field: the wrong content type (415), a body over the
/// limit (413), JSON that does not parse (its path), an npy file that is not float32 [n, d] or is cut short.
/// </summary>
internal static class RequestBodies
{
    /// <summary>The npy media type.</summary>
    public const string Npy = "application/x-npy";

    /// <summary>True when the request says its body is npy.</summary>
    public static bool IsNpy(HttpRequest request) => MediaType(request) == Npy;

    /// <summary>Reads a JSON body into <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadJson<T>(HttpRequest request, JsonTypeInfo<T> type) where T : class =>
        Parse(await ReadJsonBytes(request).ConfigureAwait(false), type);

    /// <summary>The bytes of a JSON body (checked to be declared JSON and not empty).</summary>
    public static async Task<byte[]> ReadJsonBytes(HttpRequest request)
    {
        if (MediaType(request) is not ("application/json" or null))
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Content-Type", $"'{request.ContentType}' is not accepted here: send application/json");
        byte[] body = await ReadAll(request).ConfigureAwait(false);
        return body.Length > 0 ? body : throw ApiProblem.BadRequest("body", "empty: a JSON object is required");
    }

    /// <summary>Parses JSON <paramref name="body"/> into <typeparamref name="T"/>; a problem names the path where it fails.</summary>
    public static T Parse<T>(byte[] body, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw ApiProblem.BadRequest("body", "null: a JSON object is required");
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw ApiProblem.BadRequest(field, $"invalid JSON ({FirstSentence(e.Message)})");
        }
    }

    /// <summary>Reads an npy body holding a float32 matrix of <paramref name="dimension"/> columns; returns (rows, values).</summary>
    public static async Task<(int Rows, float[] Values)> ReadNpy(HttpRequest request, int dimension)
    {
        byte[] body = await ReadAll(request).ConfigureAwait(false);
        NpyHeader header;
        try
        {
            header = NpyHeader.Read(new MemoryStream(body, writable: false), "body");
        }
        catch (UserInputException e)
        {
            throw ApiProblem.BadRequest("body", e.Message.StartsWith("body: ", StringComparison.Ordinal) ? e.Message[6..] : e.Message);
        }
        if (header.DType != "<f4") throw ApiProblem.BadRequest("body", $"npy dtype {header.DType}: float32 ('<f4') is required");
        if (header.Shape.Length != 2) throw ApiProblem.BadRequest("body", $"npy shape {NpyHeader.FormatShape(header.Shape)}: a matrix [n, d] is required");
        if (header.Shape[1] != dimension) throw ApiProblem.BadRequest("body", $"vectors have dimension {header.Shape[1]}, the collection's model takes {dimension}");
        var values = new float[header.ElementCount];
        Buffer.BlockCopy(body, (int)header.DataOffset, values, 0, values.Length * 4);
        CheckFinite(values, dimension);
        return (header.Shape[0], values);
    }

    /// <summary>Flattens JSON vectors into one row-major array, checking each has <paramref name="dimension"/> finite values.</summary>
    public static float[] Flatten(float[][] vectors, int dimension)
    {
        var values = new float[(long)vectors.Length * dimension];
        for (int i = 0; i < vectors.Length; i++)
        {
            var row = vectors[i] ?? throw ApiProblem.BadRequest($"vectors[{i}]", "null: a vector of numbers is required");
            if (row.Length != dimension)
                throw ApiProblem.BadRequest($"vectors[{i}]", $"has {row.Length} values, the collection's model takes {dimension}");
            row.CopyTo(values, (long)i * dimension);
        }
        CheckFinite(values, dimension);
        return values;
    }

    /// <summary>Refuses a non-finite value, naming its place (<c>vectors[i][j]</c>).</summary>
    public static void CheckFinite(float[] values, int dimension)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) throw ApiProblem.BadRequest($"vectors[{i / dimension}][{i % dimension}]", "is not a finite number");
    }

    /// <summary>The whole body, refused with 413 when it says it is larger than the server's limit.</summary>
    public static async Task<byte[]> ReadAll(HttpRequest request)
    {
        var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength is { } length && limit is { } max && length > max)
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, "body", $"{length} bytes is more than the server's limit of {max} (--max-body-bytes)");
        using var buffer = new MemoryStream(request.ContentLength is { } known and <= int.MaxValue ? (int)known : 0);
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static string? MediaType(HttpRequest request) =>
        request.ContentType is null ? null : request.ContentType.Split(';')[0].Trim().ToLowerInvariant();

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
