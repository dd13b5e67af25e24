using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>A plain ReLU decoder m → h → d: the ablation of the compressed-sensing synthesis.</summary>
internal sealed class MlpSynthesis : ISynthesis
{
    private readonly Sequential _network;
    private readonly BatchBuffers _buffers;
    private readonly float[] _codeGradient;

    /// <inheritdoc/>
    public double ZeroFraction => double.NaN;

    /// <summary>A decoder from <paramref name="bits"/>-bit codes to <paramref name="dimension"/> features through <paramref name="hidden"/> ReLU units.</summary>
    public MlpSynthesis(int bits, int hidden, int dimension, int capacity, Random random)
    {
        _network = new Sequential(
            new Dense(bits, hidden, WeightInit.KaimingNormal, random, "decoder.hidden"),
            new Relu(hidden),
            new Dense(hidden, dimension, WeightInit.XavierUniform, random, "decoder.output"));
        _buffers = _network.CreateBuffers(capacity);
        _codeGradient = new float[capacity * bits];
        Bits = bits;
    }

    /// <summary>Code length m.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _network.Parameters;

    /// <inheritdoc/>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> codes, int n) => _network.Forward(_buffers, codes, n);

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> syntheticGradient, Span<float> codeGradient)
    {
        int n = _buffers.Batch * Bits;
        _network.Backward(_buffers, syntheticGradient, _codeGradient.AsSpan(0, n));
        var destination = codeGradient[..n];
        System.Numerics.Tensors.TensorPrimitives.Add(destination, _codeGradient.AsSpan(0, n), destination);
    }

    /// <inheritdoc/>
    public void Project() { }
}
