using Sigah.Core.Codes;

namespace Sigah.Index;

/// <summary>
/// An index of binary codes with user ids, in the spirit of faiss's binary indexes: it stores and searches
/// codes; turning vectors into codes (hashers) is kept apart. Disposing releases what the index holds outside
/// managed memory (a mapped file); a disposed index throws <see cref="ObjectDisposedException"/> from every member.
/// </summary>
public interface IBinaryIndex : IDisposable
{
    /// <summary>Bits per code.</summary>
    int Bits { get; }

    /// <summary>Number of codes held.</summary>
    int Count { get; }

    /// <summary>Adds <paramref name="codes"/> with the matching <paramref name="ids"/> (one per code, none already present, no repeats).</summary>
    void Add(PackedCodes codes, ReadOnlySpan<long> ids);

    /// <summary>The <paramref name="k"/> nearest codes to each query (ids, distances, ties by smaller id, -1 padding).</summary>
    HammingKnnResult Search(PackedCodes queries, int k, SearchOptions? options = null);

    /// <summary>Every code within Hamming distance <paramref name="radius"/> of each query.</summary>
    HammingRangeResult RangeSearch(PackedCodes queries, int radius, SearchOptions? options = null);

    /// <summary>Removes the codes with these ids; ids not present are ignored. Returns how many were removed.</summary>
    int Remove(ReadOnlySpan<long> ids);

    /// <summary>Removes every code.</summary>
    void Reset();
}
