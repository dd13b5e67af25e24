namespace Sigah.Hashing.Adversarial;

/// <summary>
/// Reconstruction-boundary consistency: re-encoding the synthetic features must give the codes back, with a
/// margin — L = (1/(n m)) Σ max(0, 1 − bᵢⱼ·uᵢⱼ) where u = f(x̃) and b the codes of x (held fixed).
/// </summary>
internal static class ConsistencyLoss
{
    /// <summary>
    /// Returns L over the n·m values of <paramref name="codes"/> and writes <paramref name="scale"/> · dL/du into
    /// <paramref name="gradient"/> (same length; −scale·b/(n m) where the margin is violated, else 0).
    /// </summary>
    public static double Compute(ReadOnlySpan<float> codes, ReadOnlySpan<float> reencoded, float scale, Span<float> gradient)
    {
        int count = codes.Length;
        if (reencoded.Length != count || gradient.Length != count)
            throw new ArgumentException($"codes, reencoded and gradient must have the same length ({count})");
        double sum = 0;
        float step = scale / count;
        for (int i = 0; i < count; i++)
        {
            float slack = 1f - codes[i] * reencoded[i];
            if (slack > 0f)
            {
                sum += slack;
                gradient[i] = -step * codes[i];
            }
            else gradient[i] = 0f;
        }
        return sum / count;
    }
}
