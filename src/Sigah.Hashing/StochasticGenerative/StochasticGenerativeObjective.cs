namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// The per-batch training objective of Stochastic Generative Hashing: the negative evidence lower bound with a
/// Gaussian linear decoder and a uniform code prior, averaged over the B rows of a batch,
/// L = (1/B)·Σ_r [ ½‖x_r − x̂_r‖² + α·log q(h_r | x_r) ], with log q(h | x) = Σ_k h_k·log p_k + (1 − h_k)·log(1 − p_k)
/// and p = σ(z). The uniform prior only adds a constant; α stands for the decoder variance (2ρ² in the paper).
/// The paper's bound has +log q (it rewards code entropy); its demo code flips that sign, this follows the paper.
/// </summary>
internal static class StochasticGenerativeObjective
{
    /// <summary>
    /// Returns L for <paramref name="batch"/> rows and writes its partial derivatives: dL/dx̂ into
    /// <paramref name="reconstructionGradient"/> (batch × d, like <paramref name="inputs"/> and
    /// <paramref name="reconstructions"/>), dL/dh into <paramref name="codeGradient"/> and the derivative through p
    /// with h held fixed, dL/dz = α(h − p)/B, into <paramref name="logitGradient"/> (batch × bits, like
    /// <paramref name="logits"/>, <paramref name="probabilities"/> and <paramref name="codes"/>). The derivative
    /// with respect to h written into <paramref name="codeGradient"/> is only the encoder term's, α·z/B
    /// (d log q/dh_k = log p_k − log(1 − p_k) = z_k); the decoder's share comes from back-propagating dL/dx̂.
    /// </summary>
    public static double Compute(int batch, float alpha,
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> reconstructions, Span<float> reconstructionGradient,
        ReadOnlySpan<float> logits, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> codes,
        Span<float> codeGradient, Span<float> logitGradient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (inputs.Length != reconstructions.Length || inputs.Length != reconstructionGradient.Length || inputs.Length % batch != 0)
            throw new ArgumentException("inputs, reconstructions and their gradient must hold batch x d values each", nameof(reconstructionGradient));
        int n = logits.Length;
        if (probabilities.Length != n || codes.Length != n || codeGradient.Length != n || logitGradient.Length != n || n % batch != 0)
            throw new ArgumentException("logits, probabilities, codes and their gradients must hold batch x bits values each", nameof(logitGradient));

        float inverseBatch = 1f / batch;
        double reconstruction = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            float residual = reconstructions[i] - inputs[i];
            reconstruction += (double)residual * residual;
            reconstructionGradient[i] = residual * inverseBatch;
        }
        double logLikelihood = 0;
        for (int i = 0; i < n; i++)
        {
            float z = logits[i], h = codes[i];
            // log p = −softplus(−z) and log(1 − p) = −softplus(z), stable for any z.
            logLikelihood -= h * Softplus(-z) + (1 - h) * Softplus(z);
            codeGradient[i] = alpha * z * inverseBatch;
            logitGradient[i] = alpha * (h - probabilities[i]) * inverseBatch;
        }
        return (0.5 * reconstruction + alpha * logLikelihood) / batch;
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
