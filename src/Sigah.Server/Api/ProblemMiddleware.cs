using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sigah.Core;
using Sigah.Server.Storage;

namespace Sigah.Server.Api;

/// <summary>
/// Turns every failure of a request into a problem response, so no request can crash the process: refused requests
/// (<see cref="ApiProblem"/>), bodies over the limit (413), storage failures (507 for a full disk, 500 for a data
/// directory that cannot be written) and bugs (500, logged).
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    /// <summary>Runs the request, answering its failure.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            var (status, field, detail) = e switch
            {
                ApiProblem p => (p.Status, p.Field, p.Message),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    (StatusCodes.Status413PayloadTooLarge, "body", "larger than the server's limit (--max-body-bytes)"),
                BadHttpRequestException b => (b.StatusCode, "body", b.Message),
                UserInputException u => (StatusCodes.Status400BadRequest, "body", u.Message),
                StorageException { DiskFull: true } s => (StatusCodes.Status507InsufficientStorage, (string?)null, s.Message),
                StorageException s => (StatusCodes.Status500InternalServerError, (string?)null, s.Message),
                _ => (StatusCodes.Status500InternalServerError, (string?)null, "internal error (logged by the server)"),
            };
            if (status >= 500) ServerLog.RequestFailed(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            if (e is ApiProblem { RetryAfterSeconds: { } seconds }) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A body refused as too large or malformed is not read to its end: Kestrel drops the connection after this
            // answer, so say so, lest a client send its next request on it and see that request cut off.
            if (e is BadHttpRequestException || status == StatusCodes.Status413PayloadTooLarge) context.Response.Headers.Connection = "close";
            await ApiProblem.Write(context, status, field, detail).ConfigureAwait(false);
        }
    }
}
