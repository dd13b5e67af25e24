namespace Sigah.Hashing.Adversarial;

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
    /// <summary>
    /// 1 − ‖xᵢ − xⱼ‖ / δ with δ the batch's mean pairwise distance, clamped to [−1, 1]: by Crofton's formula the
    /// share of random affine hyperplanes separating two points grows linearly with their distance, so this is
    /// the Euclidean counterpart of the angular target. It keeps the norms the angle discards, and codes with
    /// offsets (hyperplanes off the mean) can follow it.
    /// </summary>
    Euclidean,
}
