namespace Sigah.Index;

/// <summary>How an index answers a search; both are exact and give identical results.</summary>
public enum SearchMethod
{
    /// <summary>Fused linear scan over all codes (best for few codes or uniformly spread codes).</summary>
    Linear,

    /// <summary>Multi-index hashing (best when neighbours are close, as with codes of real data).</summary>
    Mih,
}
