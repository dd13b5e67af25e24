namespace Sigah.Hashing.Neural;

/// <summary>
/// Base of the parameter-free activations that act on each value independently, so a batch is one flat
/// span of <c>batch × Size</c> values.
/// </summary>
internal abstract class ElementwiseLayer : ILayer
{
    /// <summary>An activation over rows of <paramref name="size"/> features.</summary>
    protected ElementwiseLayer(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    /// <summary>Features per row (input and output alike).</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public int InputSize => Size;

    /// <inheritdoc/>
    public int OutputSize => Size;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        BatchShape.CheckForward(this, input, output, batch);
        int n = batch * Size;
        Apply(input[..n], output[..n]);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch, bool parameterGradients)
    {
        BatchShape.CheckBackward(this, input, output, outputGradient, inputGradient, batch);
        if (inputGradient.IsEmpty) return;
        int n = batch * Size;
        Propagate(input[..n], output[..n], outputGradient[..n], inputGradient[..n]);
    }

    /// <summary>y = f(x) element-wise; both spans have the same length.</summary>
    protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = f'(x)·dy element-wise, given x and y = f(x); all spans have the same length.</summary>
    protected abstract void Propagate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);
}
