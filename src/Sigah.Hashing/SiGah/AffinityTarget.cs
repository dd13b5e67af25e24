namespace Sigah.Hashing.SiGah;

/// <summary>What the normalised code inner product bᵢ·bⱼ/m of a pair is matched to.</summary>
public enum AffinityTarget
{
    /// <summary>The cosine of the two centred feature vectors.</summary>
    Cosine,
    /// <summary>
    /// 1 − 2θ/π with θ the angle between the centred features: the expected bᵢ·bⱼ/m of random-hyperplane
    /// codes (Charikar), so the target lives on the scale codes can actually reach.
    /// </summary>
    Angular,
}
