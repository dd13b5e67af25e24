namespace Sigah.Hashing.Adversarial;

/// <summary>
/// A linear hash the generator can start from: bit j = sign(((x − Mean)·Projection + Offsets)ⱼ).
/// </summary>
/// <param name="Mean">The centring vector (d values); it becomes the SiGAH model's mean.</param>
/// <param name="Projection">d × m row-major.</param>
/// <param name="Offsets">m values added after the projection (zeros for ITQ and PCAH).</param>
internal sealed record LinearStart(float[] Mean, float[] Projection, float[] Offsets);
