namespace Sigah.Hashing.Linear;

/// <summary>
/// A hash model that is one affine projection followed by signs: bit j = [(x − mean)·w_j &gt; 0]. The fitted
/// form of LSH (random w_j) and PCAH (principal directions w_j). Payload version 1: the mean (d float32), then
/// the d × bits row-major projection (float32).
/// </summary>
internal sealed class LinearHashModel : IHashModel
{
    /// <summary>The payload layout version this class writes and reads.</summary>
    public const int CurrentPayloadVersion = 1;

    /// <summary>Wraps a fitted projection for method <paramref name="method"/>; its outputs are the code bits.</summary>
    public LinearHashModel(string method, LinearProjection projection)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(projection);
        if (projection.Outputs % 8 != 0)
            throw new ArgumentException($"{projection.Outputs} outputs are not a whole number of bytes", nameof(projection));
        Method = method;
        Projection = projection;
    }

    /// <inheritdoc/>
    public string Method { get; }

    /// <summary>The mean and projection matrix whose output signs are the code.</summary>
    public LinearProjection Projection { get; }

    /// <inheritdoc/>
    public int Dimension => Projection.Dimension;

    /// <inheritdoc/>
    public int Bits => Projection.Outputs;

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes) => Projection.EncodeSigns(vectors, count, codes);

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ModelPayload.WriteFloats(writer, Projection.Mean);
        ModelPayload.WriteFloats(writer, Projection.Matrix);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/> (the registry's loader for lsh and pcah).</summary>
    public static LinearHashModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        LinearPayload.RequireFloats(reader, header.Dimension + (long)header.Dimension * header.Bits);
        var mean = ModelPayload.ReadFloats(reader, header.Dimension);
        var matrix = ModelPayload.ReadFloats(reader, checked(header.Dimension * header.Bits));
        return new LinearHashModel(header.Method, new LinearProjection(mean, matrix, header.Bits));
    }
}
