using System.Numerics.Tensors;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The energy-based discriminator (Zhao, Mathieu &amp; LeCun, EBGAN): an auto-encoder D (d → a → d, ReLU) whose
/// energy is its reconstruction error E(v) = ‖v − D(v)‖²/d — low on real features, pushed up on synthetic ones.
/// Batch energies are means over rows.
/// </summary>
internal sealed class EnergyDiscriminator
{
    private readonly Sequential _network;
    private readonly BatchBuffers _buffers;
    private readonly float[] _difference;
    private readonly float[] _outputGradient;
    private readonly float[] _inputGradient;
    private int _batch;

    /// <summary>An auto-encoder over <paramref name="dimension"/> features with <paramref name="hidden"/> units, for batches up to <paramref name="capacity"/>.</summary>
    public EnergyDiscriminator(int dimension, int hidden, int capacity, Random random)
    {
        _network = new Sequential(
            new Dense(dimension, hidden, WeightInit.KaimingNormal, random, "discriminator.encoder"),
            new Relu(hidden),
            new Dense(hidden, dimension, WeightInit.XavierUniform, random, "discriminator.decoder"));
        _buffers = _network.CreateBuffers(capacity);
        _difference = new float[capacity * dimension];
        _outputGradient = new float[capacity * dimension];
        _inputGradient = new float[capacity * dimension];
        Dimension = dimension;
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>The auto-encoder's parameters.</summary>
    public IReadOnlyList<Parameter> Parameters => _network.Parameters;

    /// <summary>The mean energy of <paramref name="n"/> rows of <paramref name="features"/> (n × d); keeps the pass for <see cref="Backward"/>.</summary>
    public double Energy(ReadOnlySpan<float> features, int n)
    {
        int d = Dimension;
        var reconstruction = _network.Forward(_buffers, features, n);
        var difference = _difference.AsSpan(0, n * d);
        TensorPrimitives.Subtract(features[..(n * d)], reconstruction, difference);
        _batch = n;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += TensorPrimitives.SumOfSquares(difference.Slice(i * d, d));
        return sum / ((double)n * d);
    }

    /// <summary>
    /// Back-propagates <paramref name="scale"/> · d(mean energy) of the last <see cref="Energy"/> call: into the
    /// auto-encoder's parameter gradients when <paramref name="parameterGradients"/>, and, when
    /// <paramref name="featureGradient"/> is not empty, adds d/d(features) (n × d) into it.
    /// </summary>
    public void Backward(float scale, bool parameterGradients, Span<float> featureGradient)
    {
        int n = _batch, d = Dimension;
        // E = Σ‖v − D(v)‖² / (n d): dE/dD(v) = −2 (v − D(v)) / (n d); dE/dv = 2 (v − D(v)) / (n d) + Jᵀ dE/dD(v).
        float factor = 2f * scale / (n * d);
        var difference = _difference.AsSpan(0, n * d);
        var outputGradient = _outputGradient.AsSpan(0, n * d);
        TensorPrimitives.Multiply(difference, -factor, outputGradient);
        bool wantInput = !featureGradient.IsEmpty;
        var inputGradient = wantInput ? _inputGradient.AsSpan(0, n * d) : default;
        _network.Backward(_buffers, outputGradient, inputGradient, parameterGradients);
        if (!wantInput) return;
        var destination = featureGradient[..(n * d)];
        TensorPrimitives.Add(destination, inputGradient, destination);
        TensorPrimitives.MultiplyAdd(difference, factor, destination, destination);
    }
}
