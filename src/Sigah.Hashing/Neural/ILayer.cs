namespace Sigah.Hashing.Neural;

/// <summary>
/// One differentiable step of a network over a mini-batch. Batches are row-major <c>batch × features</c>
/// float buffers: row r of an input occupies <c>[r*InputSize, (r+1)*InputSize)</c>.
/// A layer keeps no per-batch state: whatever <see cref="Backward"/> needs (the input and the output of the
/// forward pass) is handed back to it by the caller, so <see cref="Forward"/> is thread-safe and one layer may
/// be applied several times in one training step (its parameter gradients then accumulate).
/// </summary>
internal interface ILayer
{
    /// <summary>Features per input row.</summary>
    int InputSize { get; }

    /// <summary>Features per output row.</summary>
    int OutputSize { get; }

    /// <summary>The learnable parameters (empty for parameter-free layers).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Computes the output of <paramref name="batch"/> rows. <paramref name="input"/> holds at least
    /// <c>batch * InputSize</c> values, <paramref name="output"/> at least <c>batch * OutputSize</c>; they must not overlap.
    /// </summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>
    /// Back-propagates d(loss)/d(output) of the batch whose <paramref name="input"/> and <paramref name="output"/>
    /// are given (as used and produced by <see cref="Forward"/>). Writes d(loss)/d(input) into
    /// <paramref name="inputGradient"/> (<c>batch * InputSize</c> values) unless it is empty, and, when
    /// <paramref name="parameterGradients"/> is true, adds d(loss)/d(parameters) into each
    /// <see cref="Parameter.Gradient"/>. <paramref name="inputGradient"/> must not overlap the other buffers.
    /// </summary>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch, bool parameterGradients);
}
