namespace Sigah.Hashing.Neural;

/// <summary>
/// Preallocated buffers for training one <see cref="Sequential"/> on batches of up to <see cref="Capacity"/> rows:
/// the input and every layer's output of the last forward pass (which the backward pass reads) and two gradient
/// scratch buffers. Create one per concurrent use of a network (for example one for x and one for x̃ when the
/// same network is applied twice in a step); reuse it across batches so training allocates nothing per batch.
/// </summary>
internal sealed class BatchBuffers
{
    internal BatchBuffers(Sequential network, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Network = network;
        Capacity = capacity;
        var layers = network.Layers;
        Values = new float[layers.Count + 1][];
        Values[0] = new float[checked(capacity * network.InputSize)];
        for (int i = 0; i < layers.Count; i++) Values[i + 1] = new float[checked(capacity * layers[i].OutputSize)];
        int widest = layers.Max(l => l.InputSize);
        GradientA = new float[checked(capacity * widest)];
        GradientB = new float[checked(capacity * widest)];
    }

    /// <summary>The network these buffers belong to.</summary>
    public Sequential Network { get; }

    /// <summary>Largest batch (rows) the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Rows of the last forward pass.</summary>
    public int Batch { get; internal set; }

    /// <summary>The network output of the last forward pass, <c>Batch × Network.OutputSize</c> values.</summary>
    public ReadOnlySpan<float> Output => Values[^1].AsSpan(0, Batch * Network.OutputSize);

    /// <summary>The output of layer <paramref name="layer"/> in the last forward pass, <c>Batch × OutputSize</c> of that layer.</summary>
    public ReadOnlySpan<float> LayerOutput(int layer) =>
        Values[layer + 1].AsSpan(0, Batch * Network.Layers[layer].OutputSize);

    /// <summary>Values[0] is the input copy, Values[i + 1] the output of layer i; each Capacity rows wide.</summary>
    internal float[][] Values { get; }

    /// <summary>Ping-pong buffers for the gradients between layers (Capacity × widest layer input).</summary>
    internal float[] GradientA { get; }

    /// <inheritdoc cref="GradientA"/>
    internal float[] GradientB { get; }
}
