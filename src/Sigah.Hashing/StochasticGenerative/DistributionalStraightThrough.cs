using System.Numerics.Tensors;

namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// The stochastic binary neuron of Stochastic Generative Hashing (Dai, Guo, Kumar, He &amp; Song, ICML 2017) with its
/// distributional straight-through gradient. Forward: p = σ(z), h = 1 where p &gt; ξ else 0, ξ ~ U(0, 1), so
/// h ~ Bernoulli(p). Backward: the sampled step is treated as the identity on p, dL/dz = p(1 − p)·(dL/dh + dL/dp),
/// which is exact in expectation for any loss linear in h (E[h] = p) and is the paper's estimator otherwise.
/// </summary>
internal static class DistributionalStraightThrough
{
    /// <summary>
    /// Writes p = σ(z) into <paramref name="probabilities"/> and the codes h (0 or 1) into <paramref name="codes"/>
    /// for the logits <paramref name="logits"/>, using one uniform <paramref name="uniforms"/>[i] in [0, 1) per value.
    /// All four spans have the same length.
    /// </summary>
    public static void Sample(ReadOnlySpan<float> logits, ReadOnlySpan<float> uniforms, Span<float> probabilities, Span<float> codes)
    {
        CheckLengths(logits.Length, uniforms.Length, probabilities.Length, codes.Length);
        TensorPrimitives.Sigmoid(logits, probabilities);
        for (int i = 0; i < logits.Length; i++) codes[i] = probabilities[i] > uniforms[i] ? 1f : 0f;
    }

    /// <summary>
    /// Adds p(1 − p)·<paramref name="codeGradient"/>[i] into <paramref name="logitGradient"/>[i], the gradient that
    /// reaches the logits through the sampled codes. A loss term that depends on p directly contributes
    /// p(1 − p)·dL/dp, which its caller adds to <paramref name="logitGradient"/> itself (often in a simpler closed form).
    /// All three spans have the same length.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> codeGradient, Span<float> logitGradient)
    {
        CheckLengths(probabilities.Length, codeGradient.Length, logitGradient.Length, probabilities.Length);
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i];
            logitGradient[i] += p * (1f - p) * codeGradient[i];
        }
    }

    private static void CheckLengths(int a, int b, int c, int d)
    {
        if (a != b || a != c || a != d) throw new ArgumentException($"spans differ in length ({a}, {b}, {c}, {d})");
    }
}
