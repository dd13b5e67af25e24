namespace Sigah.Hashing.Linear;

/// <summary>
/// A fitted ITQ model (Gong &amp; Lazebnik): code = sign((x − <see cref="Mean"/>)·<see cref="Projection"/>·<see cref="Rotation"/>),
/// bit j = 1 where component j is &gt; 0. The parts are public so other methods can start from them (SiGAH
/// initialises its generator to reproduce ITQ's codes): <see cref="Projection"/> maps centred inputs to the
/// top-m principal coordinates V, and <see cref="Rotation"/> is the learned orthogonal R with B = sign(V·R).
/// Payload version 1: mean (d float32), projection (d × m row-major float32), rotation (m × m row-major float32).
/// </summary>
internal sealed class ItqModel : IHashModel
{
    /// <summary>The payload layout version this class writes and reads.</summary>
    public const int CurrentPayloadVersion = 1;

    private readonly LinearProjection _encoder;

    /// <summary>Builds the model from its parts (kept, not copied); m = <paramref name="bits"/>.</summary>
    /// <param name="mean">d values.</param>
    /// <param name="projection">d × m row-major PCA projection.</param>
    /// <param name="rotation">m × m row-major orthogonal rotation.</param>
    /// <param name="bits">m, a multiple of 8.</param>
    public ItqModel(float[] mean, float[] projection, float[] rotation, int bits)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(rotation);
        if (bits <= 0 || bits % 8 != 0) throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be a positive multiple of 8");
        if (rotation.LongLength != (long)bits * bits)
            throw new ArgumentException($"rotation has {rotation.LongLength} values, expected {bits} x {bits}", nameof(rotation));
        Mean = mean;
        Projection = projection;
        Rotation = rotation;
        _encoder = new LinearProjection(mean, Multiply(projection, rotation, mean.Length, bits), bits);
    }

    /// <inheritdoc/>
    public string Method => "itq";

    /// <inheritdoc/>
    public int Dimension => Mean.Length;

    /// <inheritdoc/>
    public int Bits => _encoder.Outputs;

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>The training mean (d values) subtracted before projecting.</summary>
    public float[] Mean { get; }

    /// <summary>The d × m row-major projection onto the top-m principal directions (column j = direction j).</summary>
    public float[] Projection { get; }

    /// <summary>The m × m row-major orthogonal rotation R applied after the projection.</summary>
    public float[] Rotation { get; }

    /// <summary>The combined map x ↦ (x − Mean)·(Projection·Rotation) whose signs are the code.</summary>
    public LinearProjection Encoder => _encoder;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes) => _encoder.EncodeSigns(vectors, count, codes);

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ModelPayload.WriteFloats(writer, Mean);
        ModelPayload.WriteFloats(writer, Projection);
        ModelPayload.WriteFloats(writer, Rotation);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/> (the registry's loader for itq).</summary>
    public static ItqModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        LinearPayload.RequireFloats(reader, header.Dimension + (long)header.Dimension * header.Bits + (long)header.Bits * header.Bits);
        var mean = ModelPayload.ReadFloats(reader, header.Dimension);
        var projection = ModelPayload.ReadFloats(reader, checked(header.Dimension * header.Bits));
        var rotation = ModelPayload.ReadFloats(reader, checked(header.Bits * header.Bits));
        return new ItqModel(mean, projection, rotation, header.Bits);
    }

    /// <summary>
    /// Projection·Rotation (d × m), summed in double in a fixed order so a saved and reloaded model encodes
    /// bit-identically whichever BLAS is in use.
    /// </summary>
    private static float[] Multiply(float[] projection, float[] rotation, int d, int m)
    {
        if (projection.LongLength != (long)d * m)
            throw new ArgumentException($"projection has {projection.LongLength} values, expected {d} x {m}", nameof(projection));
        var result = new float[(long)d * m];
        var row = new double[m];
        for (int i = 0; i < d; i++)
        {
            Array.Clear(row);
            for (int k = 0; k < m; k++)
            {
                double p = projection[(long)i * m + k];
                for (int j = 0; j < m; j++) row[j] += p * rotation[k * m + j];
            }
            for (int j = 0; j < m; j++) result[(long)i * m + j] = (float)row[j];
        }
        return result;
    }
}
