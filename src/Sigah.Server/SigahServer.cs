using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Sigah.Server.Api;
using Sigah.Server.Collections;

namespace Sigah.Server;

/// <summary>
/// <c>sigah serve</c>: collections of binary codes behind an HTTP API on Kestrel (docs/server.md). Build the
/// application with <see cref="Build"/> (collections are loaded and their logs replayed before it returns), then run
/// it; stopping it stops every collection after the writes already accepted.
/// </summary>
public static class SigahServer
{
    /// <summary>The server for <paramref name="options"/>, ready to start.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.ApiKeysFile is null ? null : ApiKeys.Load(options.ApiKeysFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Api));
        builder.Services.AddOpenApi();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(ServerMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter("all",
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentRequests, QueueLimit = options.MaxConcurrentRequests }));
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(ApiProblem.Write(context.HttpContext, StatusCodes.Status503ServiceUnavailable, null,
                    $"more than {2 * options.MaxConcurrentRequests} requests at once: retry later"));
            };
        });
        builder.Services.AddHostedService<RegistryLifetime>();
        var app = builder.Build();

        var tuning = new CollectionTuning(options.SealRows, options.SnapshotLogBytes, options.SnapshotInterval, CollectionTuning.Default.MaxGroupCommit);
        var registry = CollectionRegistry.Open(options.DataDirectory, tuning, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sigah.Server"));
        app.Services.GetServices<IHostedService>().OfType<RegistryLifetime>().Single().Registry = registry;
        var metrics = new ServerMetrics(registry);
        app.Lifetime.ApplicationStopped.Register(metrics.Dispose);

        app.UseMiddleware<ProblemMiddleware>();
        app.UseStatusCodePages(context => context.HttpContext.Response.ContentType is null ? BodilessStatus(context.HttpContext) : Task.CompletedTask);
        if (keys is not null)
        {
            app.Use((context, next) =>
            {
                if (NeedsKey(context.Request.Path)) keys.Check(context.Request);
                return next(context);
            });
        }
        app.UseRateLimiter();
        app.MapGet("/health", () => TypedResults.Json(new HealthResponse("ready", registry.All.Count()), ApiJson.Api.HealthResponse))
            .WithSummary("200 once every collection is loaded").Produces<HealthResponse>();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        CollectionEndpoints.Map(app, registry, options, metrics);
        WebPage.Map(app);
        return app;
    }

    /// <summary>A problem for a status the framework answered without a body (no such route, method or media type).</summary>
    private static Task BodilessStatus(HttpContext context)
    {
        var request = context.Request;
        int status = context.Response.StatusCode;
        var (field, detail) = status switch
        {
            StatusCodes.Status404NotFound => ((string?)null, $"{request.Method} {request.Path} is not part of the API"),
            StatusCodes.Status405MethodNotAllowed => (null, $"{request.Method} is not allowed on {request.Path}"),
            StatusCodes.Status415UnsupportedMediaType => ("Content-Type", $"'{request.ContentType}' is not accepted by {request.Method} {request.Path}"),
            _ => (null, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)),
        };
        return ApiProblem.Write(context, status, field, detail);
    }

    private static bool NeedsKey(PathString path) =>
        path.StartsWithSegments("/collections") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi");

    /// <summary>Stops the collections when the host stops (after Kestrel has finished the requests in flight).</summary>
    private sealed class RegistryLifetime : IHostedService
    {
        public CollectionRegistry? Registry { get; set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (Registry is not null) await Registry.DisposeAsync().ConfigureAwait(false);
        }
    }
}
