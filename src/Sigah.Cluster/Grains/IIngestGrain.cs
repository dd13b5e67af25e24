namespace Sigah.Cluster.Grains;

/// <summary>
/// A silo's ingest worker (key <c>ingest/{i}</c>, worker i placed on the i-th silo by
/// <see cref="Placement.SpreadPlacement"/>): encodes a range of vectors with the collection's model (loaded once
/// per silo) and adds the codes to the shards owning their ids.
/// </summary>
internal interface IIngestGrain : IGrainWithStringKey
{
    /// <summary>The collection's vector dimension and code bits (a client's check before it sends anything).</summary>
    Task<(int Dimension, int Bits)> Describe(string collection);

    /// <summary>Adds <paramref name="rows"/> vectors (row-major, rows × d floats) under ids <paramref name="firstId"/>, +1, …; returns once durable.</summary>
    Task<int> Add(string collection, long firstId, int rows, float[] vectors);
}
