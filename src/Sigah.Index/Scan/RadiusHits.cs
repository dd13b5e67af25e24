namespace Sigah.Index.Scan;

/// <summary>Collects every code within a fixed radius, per query, as packed (distance, position) keys.</summary>
internal sealed class RadiusHits : IScanSink
{
    private readonly List<long>[] _hits;
    private readonly int _radius;

    /// <summary>Empty hit lists for <paramref name="queries"/> queries and radius <paramref name="radius"/> ≥ 0.</summary>
    public RadiusHits(int queries, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        _radius = radius;
        _hits = new List<long>[queries];
        for (int q = 0; q < queries; q++) _hits[q] = [];
    }

    /// <inheritdoc/>
    public int Limit(int query) => _radius;

    /// <inheritdoc/>
    public int Offer(int query, int distance, int position)
    {
        _hits[query].Add((long)distance << 32 | (uint)position);
        return _radius;
    }

    /// <summary>Forgets every hit.</summary>
    public void Clear()
    {
        foreach (var hits in _hits) hits.Clear();
    }

    /// <summary>Hands over the hits of <paramref name="query"/>, sorted as <see cref="Sorted"/>, and starts it an empty list.</summary>
    public List<long> TakeSorted(int query)
    {
        var hits = Sorted(query);
        _hits[query] = [];
        return hits;
    }

    /// <summary>The hits of <paramref name="query"/>, nearest first, equal distances by position.</summary>
    public List<long> Sorted(int query)
    {
        _hits[query].Sort();
        return _hits[query];
    }
}
