using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sigah.Server.Api;

/// <summary>
/// A request the server refuses, as an RFC 9457 problem: the status, a one-line detail and the field of the request
/// it concerns (<c>k</c>, <c>vectors[3]</c>, <c>Content-Type</c>, <c>body</c>, …). Thrown by the handlers and
/// written by <see cref="ProblemMiddleware"/>.
/// </summary>
internal sealed class ApiProblem(int status, string? field, string detail) : Exception(detail)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The request field concerned, or null.</summary>
    public string? Field { get; } = field;

    /// <summary>Seconds after which a retry may succeed (sent as <c>Retry-After</c>), or null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A 503 the client should retry after <paramref name="seconds"/>: part of the service is moving or down.</summary>
    public static ApiProblem Unavailable(string detail, int seconds) => new(StatusCodes.Status503ServiceUnavailable, null, detail) { RetryAfterSeconds = seconds };

    /// <summary>A 400 about <paramref name="field"/>.</summary>
    public static ApiProblem BadRequest(string field, string detail) => new(StatusCodes.Status400BadRequest, field, detail);

    /// <summary>Writes a problem response.</summary>
    public static Task Write(HttpContext context, int status, string? field, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        var problem = new Problem("about:blank", Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), status,
            field is null ? detail : $"{field}: {detail}", field, context.Request.Path);
        return JsonSerializer.SerializeAsync(response.Body, problem, ApiJson.Api.Problem);
    }
}
