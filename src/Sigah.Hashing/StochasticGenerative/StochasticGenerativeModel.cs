using System.Buffers;
using System.Numerics.Tensors;
using Sigah.Core.Codes;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// A fitted Stochastic Generative Hashing encoder: inputs are standardised, x' = (x − mean) / scale, and bit k is 1
/// where q(h_k = 1 | x) = σ((W·x' + c)_k) &gt; 0.5, that is where the logit is &gt; 0 (deterministic encoding).
/// </summary>
internal sealed class StochasticGenerativeModel : IHashModel
{
    /// <summary>Payload layout version: mean (Dimension float32), scale (float32), W (Bits × Dimension float32), c (Bits float32).</summary>
    public const int CurrentPayloadVersion = 1;

    private const int BlockRows = 256;

    private readonly float[] _mean;

    /// <summary>Wraps the standardisation and the trained encoder layer (not copied).</summary>
    public StochasticGenerativeModel(float[] mean, float scale, Dense encoder)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(encoder);
        if (encoder.InputSize != mean.Length) throw new ArgumentException($"encoder takes {encoder.InputSize} inputs, mean has {mean.Length}", nameof(encoder));
        if (encoder.OutputSize % 8 != 0) throw new ArgumentException($"encoder has {encoder.OutputSize} outputs, not a multiple of 8", nameof(encoder));
        if (!(scale > 0) || !float.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive and finite");
        _mean = mean;
        Scale = scale;
        Encoder = encoder;
    }

    /// <inheritdoc/>
    public string Method => StochasticGenerativeHasher.MethodName;

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <inheritdoc/>
    public int Bits => Encoder.OutputSize;

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>The mean subtracted from every input (Dimension values).</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The common scale every centred input is divided by.</summary>
    public float Scale { get; }

    /// <summary>The encoder layer z = W·x' + c.</summary>
    public Dense Encoder { get; }

    /// <summary>
    /// Writes the standardised form of <paramref name="count"/> rows of <paramref name="vectors"/> into
    /// <paramref name="destination"/> (both <c>count * Dimension</c> values).
    /// </summary>
    public static void Standardise(ReadOnlySpan<float> vectors, int count, ReadOnlySpan<float> mean, float scale, Span<float> destination)
    {
        int d = mean.Length;
        float inverseScale = 1f / scale;
        for (int r = 0; r < count; r++)
        {
            var target = destination.Slice(r * d, d);
            TensorPrimitives.Subtract(vectors.Slice(r * d, d), mean, target);
            TensorPrimitives.Multiply(target, inverseScale, target);
        }
    }

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = Dimension, bytes = Bits / 8;
        if (vectors.Length != (long)count * d) throw new ArgumentException($"vectors holds {vectors.Length} values, expected {count} x {d}", nameof(vectors));
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes holds {codes.Length} bytes, expected {count} x {bytes}", nameof(codes));
        float[] standardised = ArrayPool<float>.Shared.Rent(BlockRows * d);
        float[] logits = ArrayPool<float>.Shared.Rent(BlockRows * Bits);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                Standardise(vectors.Slice(start * d, rows * d), rows, _mean, Scale, standardised);
                Encoder.Forward(standardised, logits, rows);
                for (int r = 0; r < rows; r++) PackedCodes.PackRow(logits.AsSpan(r * Bits, Bits), codes.Slice((start + r) * bytes, bytes));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(standardised);
            ArrayPool<float>.Shared.Return(logits);
        }
    }

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ModelPayload.WriteFloats(writer, _mean);
        writer.Write(Scale);
        ModelPayload.WriteFloats(writer, Encoder.Weight.Value);
        ModelPayload.WriteFloats(writer, Encoder.Bias.Value);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/>.</summary>
    public static StochasticGenerativeModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        var mean = ModelPayload.ReadFloats(reader, header.Dimension);
        float scale = reader.ReadSingle();
        // The initial weights are overwritten at once; the generator only satisfies the constructor.
        var encoder = new Dense(header.Dimension, header.Bits, WeightInit.XavierUniform, new Random(0), "encoder");
        ModelPayload.ReadFloats(reader, encoder.Weight.Length).CopyTo(encoder.Weight.Value, 0);
        ModelPayload.ReadFloats(reader, encoder.Bias.Length).CopyTo(encoder.Bias.Value, 0);
        if (!(scale > 0) || !float.IsFinite(scale)) throw new InvalidDataException($"sgh scale {scale} is not positive");
        return new StochasticGenerativeModel(mean, scale, encoder);
    }
}
