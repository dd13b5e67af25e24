using System.Buffers;

namespace Sigah.Hashing.Neural;

/// <summary>
/// A chain of layers applied in order (each layer's output size equals the next one's input size).
/// Training: <see cref="CreateBuffers"/> once, then per batch <see cref="Forward"/>, compute d(loss)/d(output),
/// <see cref="Backward"/> (gradients accumulate into <see cref="Parameters"/>), and an optimiser step.
/// Inference: <see cref="Predict"/>, which is thread-safe.
/// </summary>
internal sealed class Sequential
{
    private readonly int _widest;

    /// <summary>Chains <paramref name="layers"/> (at least one).</summary>
    public Sequential(params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("a network needs at least one layer", nameof(layers));
        for (int i = 1; i < layers.Length; i++)
            if (layers[i].InputSize != layers[i - 1].OutputSize)
                throw new ArgumentException($"layer {i} takes {layers[i].InputSize} features but layer {i - 1} gives {layers[i - 1].OutputSize}", nameof(layers));
        Layers = layers;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
        _widest = layers.Max(l => Math.Max(l.InputSize, l.OutputSize));
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<ILayer> Layers { get; }

    /// <summary>Every layer's parameters, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Features per input row.</summary>
    public int InputSize => Layers[0].InputSize;

    /// <summary>Features per output row.</summary>
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>Buffers for forward/backward passes over batches of up to <paramref name="capacity"/> rows.</summary>
    public BatchBuffers CreateBuffers(int capacity) => new(this, capacity);

    /// <summary>
    /// Runs <paramref name="batch"/> rows of <paramref name="input"/> (at least <c>batch × InputSize</c> values)
    /// through the network, keeping every intermediate result in <paramref name="buffers"/> for <see cref="Backward"/>.
    /// Returns the output, <c>batch × OutputSize</c> values (valid until the buffers are used again).
    /// </summary>
    public ReadOnlySpan<float> Forward(BatchBuffers buffers, ReadOnlySpan<float> input, int batch)
    {
        CheckBuffers(buffers, batch);
        BatchShape.Check(input, batch, InputSize, nameof(input));
        input[..(batch * InputSize)].CopyTo(buffers.Values[0]);
        for (int i = 0; i < Layers.Count; i++)
            Layers[i].Forward(buffers.Values[i], buffers.Values[i + 1], batch);
        buffers.Batch = batch;
        return buffers.Output;
    }

    /// <summary>
    /// Back-propagates d(loss)/d(output) (<c>Batch × OutputSize</c> values) of the last <see cref="Forward"/> on
    /// <paramref name="buffers"/>. Adds parameter gradients into <see cref="Parameter.Gradient"/> unless
    /// <paramref name="parameterGradients"/> is false (for example when only the input gradient is wanted, as when a
    /// generator is trained through a fixed discriminator), and writes d(loss)/d(input) (<c>Batch × InputSize</c>)
    /// into <paramref name="inputGradient"/> unless it is empty.
    /// </summary>
    public void Backward(BatchBuffers buffers, ReadOnlySpan<float> outputGradient, Span<float> inputGradient = default,
        bool parameterGradients = true)
    {
        CheckBuffers(buffers, buffers.Batch);
        int batch = buffers.Batch;
        BatchShape.Check(outputGradient, batch, OutputSize, nameof(outputGradient));
        if (!inputGradient.IsEmpty) BatchShape.Check(inputGradient, batch, InputSize, nameof(inputGradient));

        ReadOnlySpan<float> gradient = outputGradient;
        bool useA = true;
        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            var layer = Layers[i];
            Span<float> destination = i > 0
                ? (useA ? buffers.GradientA : buffers.GradientB).AsSpan(0, batch * layer.InputSize)
                : inputGradient;
            layer.Backward(buffers.Values[i], buffers.Values[i + 1], gradient, destination, batch, parameterGradients);
            gradient = destination;
            useA = !useA;
        }
    }

    /// <summary>
    /// Computes the output of <paramref name="batch"/> rows (<paramref name="input"/>: <c>batch × InputSize</c> values,
    /// <paramref name="output"/>: <c>batch × OutputSize</c>) with temporary buffers; safe to call from several threads.
    /// </summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        BatchShape.Check(input, batch, InputSize, nameof(input));
        BatchShape.Check(output, batch, OutputSize, nameof(output));
        if (Layers.Count == 1)
        {
            Layers[0].Forward(input, output, batch);
            return;
        }
        int length = batch * _widest;
        float[] a = ArrayPool<float>.Shared.Rent(length), b = ArrayPool<float>.Shared.Rent(length);
        try
        {
            ReadOnlySpan<float> current = input;
            for (int i = 0; i < Layers.Count; i++)
            {
                Span<float> next = i == Layers.Count - 1 ? output : (i % 2 == 0 ? a : b);
                Layers[i].Forward(current, next, batch);
                current = next;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>Sets every parameter gradient to zero (for example to discard gradients a step should not apply).</summary>
    public void ZeroGradients()
    {
        foreach (var p in Parameters) p.ZeroGradient();
    }

    private void CheckBuffers(BatchBuffers buffers, int batch)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Network != this) throw new ArgumentException("the buffers belong to another network", nameof(buffers));
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (batch > buffers.Capacity)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch exceeds the buffers' capacity of {buffers.Capacity} rows");
    }
}
