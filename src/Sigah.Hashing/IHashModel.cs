namespace Sigah.Hashing;

/// <summary>A fitted hash function: maps d-dimensional float vectors to codes of <see cref="Bits"/> bits.</summary>
public interface IHashModel
{
    /// <summary>The registered method name that produced this model.</summary>
    string Method { get; }

    /// <summary>Input dimension d.</summary>
    int Dimension { get; }

    /// <summary>Code length in bits, a positive multiple of 8.</summary>
    int Bits { get; }

    /// <summary>Version of this method's payload layout, stored in the model file and given back to the loader.</summary>
    int PayloadVersion { get; }

    /// <summary>
    /// Encodes <paramref name="count"/> row-major vectors. <paramref name="vectors"/> holds
    /// <c>count * Dimension</c> values; <paramref name="codes"/> receives <c>count * Bits / 8</c> bytes in
    /// the packed bit order of <see cref="Sigah.Core.Codes.PackedCodes"/>. Thread-safe: may be called in parallel.
    /// </summary>
    void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes);

    /// <summary>Writes the model's parameters (everything after the common model-file header).</summary>
    void WritePayload(BinaryWriter writer);
}
