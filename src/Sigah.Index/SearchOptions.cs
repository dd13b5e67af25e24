namespace Sigah.Index;

/// <summary>How to run a search.</summary>
/// <param name="Method">Linear scan or multi-index hashing (identical results).</param>
/// <param name="Threads">Worker threads; 0 = all processors.</param>
public sealed record SearchOptions(SearchMethod Method = SearchMethod.Linear, int Threads = 0)
{
    /// <summary>Linear scan on all processors.</summary>
    public static SearchOptions Default { get; } = new();
}
