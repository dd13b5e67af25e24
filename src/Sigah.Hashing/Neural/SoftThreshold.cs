namespace Sigah.Hashing.Neural;

/// <summary>
/// Shrinkage with a learnable threshold per feature: y = soft_λ(v) = ReLU(v − λ) − ReLU(−v − λ), the proximal step
/// of the ℓ1 norm that makes iterative-shrinkage codes sparse. Gradients: dy/dv = [v &gt; λ] + [v &lt; −λ] and
/// dy/dλ = [v &lt; −λ] − [v &gt; λ] (0 at the kinks). λ is not constrained; keep it non-negative if the caller needs
/// a true shrinkage.
/// </summary>
public sealed class SoftThreshold : ILayer
{
    /// <summary>A soft-threshold over rows of <paramref name="size"/> features, every λ starting at <paramref name="initialThreshold"/>.</summary>
    public SoftThreshold(int size, float initialThreshold, string name = "shrink")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!float.IsFinite(initialThreshold)) throw new ArgumentOutOfRangeException(nameof(initialThreshold), initialThreshold, "must be finite");
        Size = size;
        Threshold = new Parameter(name + ".lambda", size, decays: false);
        Array.Fill(Threshold.Value, initialThreshold);
        Parameters = [Threshold];
    }

    /// <summary>Features per row.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public int InputSize => Size;

    /// <inheritdoc/>
    public int OutputSize => Size;

    /// <summary>λ, one threshold per feature (<see cref="Size"/> values).</summary>
    public Parameter Threshold { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        BatchShape.CheckForward(this, input, output, batch);
        var lambda = Threshold.Value.AsSpan();
        for (int r = 0; r < batch; r++)
            MaskedKernels.SoftThreshold(input.Slice(r * Size, Size), lambda, output.Slice(r * Size, Size));
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch, bool parameterGradients)
    {
        BatchShape.CheckBackward(this, input, output, outputGradient, inputGradient, batch);
        var lambda = Threshold.Value.AsSpan();
        var lambdaGradient = parameterGradients ? Threshold.Gradient.AsSpan() : default;
        if (inputGradient.IsEmpty && lambdaGradient.IsEmpty) return;
        for (int r = 0; r < batch; r++)
            MaskedKernels.SoftThresholdBackward(input.Slice(r * Size, Size), lambda, outputGradient.Slice(r * Size, Size),
                inputGradient.IsEmpty ? default : inputGradient.Slice(r * Size, Size), lambdaGradient);
    }
}
