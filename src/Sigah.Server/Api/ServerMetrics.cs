using System.Diagnostics.Metrics;
using Sigah.Server.Collections;

namespace Sigah.Server.Api;

/// <summary>
/// The server's own instruments (meter <c>Sigah.Server</c>), exported with ASP.NET Core's request metrics on
/// <c>/metrics</c> in Prometheus' text format: search latency and batch size per collection, and the vectors,
/// tombstones, segments and memory of each collection this process holds (each shard, in a cluster).
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Sigah.Server";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _searchSeconds;
    private readonly Histogram<int> _searchQueries;
    private readonly Histogram<double> _shardSearchSeconds;

    /// <summary>Instruments over the collections <paramref name="collections"/> holds in this process.</summary>
    public ServerMetrics(ICollectionService collections)
    {
        _searchSeconds = _meter.CreateHistogram("sigah.search.duration", "s", "Time to encode and search one request's queries",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _shardSearchSeconds = _meter.CreateHistogram("sigah.shard.search.duration", "s", "Time one shard takes to shortlist one request's queries",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _searchQueries = _meter.CreateHistogram<int>("sigah.search.queries", "{query}", "Query vectors per search request");
        _meter.CreateObservableGauge("sigah.collection.vectors", () => Each(collections, c => c.State.Count), "{vector}", "Live vectors per collection");
        _meter.CreateObservableGauge("sigah.collection.deleted", () => Each(collections, c => c.State.DeletedCount), "{vector}", "Deleted vectors not yet merged away");
        _meter.CreateObservableGauge("sigah.collection.segments", () => Each(collections, c => c.State.Segments.Length), "{segment}", "Segments per collection");
        _meter.CreateObservableGauge("sigah.collection.memory", () => Each(collections, c => c.MemoryBytes), "By", "Bytes of codes, ids and vectors per collection");
        _meter.CreateObservableGauge("sigah.collection.log_position", () => Each(collections, c => c.State.Lsn), "{record}", "Last log record applied");
    }

    /// <summary>Records one search request.</summary>
    public void RecordSearch(string collection, int queries, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("collection", collection);
        _searchSeconds.Record(elapsed.TotalSeconds, tag);
        _searchQueries.Record(queries, tag);
    }

    /// <summary>Records one shard's part of a search (a cluster's shard grain; tags name the collection and shard).</summary>
    public void RecordShardSearch(KeyValuePair<string, object?>[] tags, TimeSpan elapsed) => _shardSearchSeconds.Record(elapsed.TotalSeconds, tags);

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Each(ICollectionService collections, Func<Collection, long> value) =>
        collections.Local.Select(c => new Measurement<long>(value(c.Collection), c.Tags));
}
