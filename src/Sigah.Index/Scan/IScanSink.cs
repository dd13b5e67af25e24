namespace Sigah.Index.Scan;

/// <summary>Receives the codes a scan finds close enough for one of the queries of a group.</summary>
internal interface IScanSink
{
    /// <summary>Largest distance still of interest to query <paramref name="query"/> of the group.</summary>
    int Limit(int query);

    /// <summary>
    /// Offers the code at <paramref name="position"/>, at <paramref name="distance"/> ≤ <see cref="Limit"/> from
    /// query <paramref name="query"/>; returns the query's new limit. Codes may arrive out of position order
    /// within 16 consecutive codes.
    /// </summary>
    int Offer(int query, int distance, int position);
}
