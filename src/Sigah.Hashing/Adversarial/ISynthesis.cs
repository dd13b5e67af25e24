using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// Maps a batch of codes b (n × m, ±1) to synthetic features x̃ (n × d). Keeps the state of its last forward pass
/// for <see cref="Backward"/>; one instance serves one training loop.
/// </summary>
internal interface ISynthesis
{
    /// <summary>The learnable parameters.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Returns x̃ for <paramref name="n"/> rows of <paramref name="codes"/> (valid until the next call).</summary>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> codes, int n);

    /// <summary>
    /// Back-propagates dL/dx̃ (n × d) of the last forward pass: adds parameter gradients and adds dL/db into
    /// <paramref name="codeGradient"/> (n × m).
    /// </summary>
    void Backward(ReadOnlySpan<float> syntheticGradient, Span<float> codeGradient);

    /// <summary>The fraction of exact zeros in the sparse codes of the last forward pass (NaN when the synthesis has none).</summary>
    double ZeroFraction { get; }

    /// <summary>Restores any constraint on the parameters after an optimiser step.</summary>
    void Project();
}
