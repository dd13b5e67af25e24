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
/// application with <see cref="Build(ServerOptions)"/> (collections are loaded and their logs replayed before it returns), then run
/// it; stopping it stops every collection after the writes already accepted.
/// </summary>
public static class SigahServer
{
    /// <summary>The server for <paramref name="options"/>, ready to start.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(options, _ => { }, (services, tuning) =>
            CollectionRegistry.Open(options.DataDirectory, tuning, services.GetRequiredService<ILoggerFactory>().CreateLogger("Sigah.Server")));
    }

    /// <summary>
    /// The server's API over the collections <paramref name="open"/> returns once the host is built (one node's
    /// registry, or a cluster's collections); <paramref name="configure"/> adds to the host first (the cluster's silo),
    /// <paramref name="map"/> adds routes.
    /// </summary>
    internal static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder> configure,
        Func<IServiceProvider, CollectionTuning, ICollectionService> open, Action<WebApplication, ICollectionService>? map = null)
    {
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
        builder.Services.AddSingleton<CollectionsHolder>();
        builder.Services.AddSingleton(services => new ServerMetrics(services.GetRequiredService<CollectionsHolder>().Service));
        builder.Services.AddSingleton(new CollectionTuning(options.SealRows, options.SnapshotLogBytes, options.SnapshotInterval, CollectionTuning.Default.MaxGroupCommit));
        builder.Services.AddHostedService<CollectionsLifetime>();
        configure(builder);
        var app = builder.Build();

        var collections = open(app.Services, app.Services.GetRequiredService<CollectionTuning>());
        app.Services.GetRequiredService<CollectionsHolder>().Service = collections;
        var metrics = app.Services.GetRequiredService<ServerMetrics>();

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
        app.MapGet("/health", async () => TypedResults.Json(new HealthResponse("ready", (await collections.ListAsync().ConfigureAwait(false)).Count), ApiJson.Api.HealthResponse))
            .WithSummary("200 once every collection is loaded").Produces<HealthResponse>();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        CollectionEndpoints.Map(app, collections, options, metrics);
        map?.Invoke(app, collections);
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

    /// <summary>The collections served, set once the host is built (services that depend on them are created after).</summary>
    internal sealed class CollectionsHolder
    {
        public ICollectionService Service { get; set; } = null!;
    }

    /// <summary>Stops the collections when the host stops (after Kestrel has finished the requests in flight).</summary>
    private sealed class CollectionsLifetime(CollectionsHolder holder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (holder.Service is IAsyncDisposable owned) await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
