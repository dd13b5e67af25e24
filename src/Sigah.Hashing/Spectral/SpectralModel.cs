using System.Buffers;
using Sigah.Core.Codes;
using Sigah.Hashing.Linear;

namespace Sigah.Hashing.Spectral;

/// <summary>
/// A fitted Spectral Hashing model: project onto the principal directions, y = (x − mean)·P, then bit i is 1 where
/// its eigenfunction cos(ω_i·(y_{d_i} − min_{d_i})) is &gt; 0 (see <see cref="SpectralMode"/>).
/// </summary>
internal sealed class SpectralModel : IHashModel
{
    /// <summary>
    /// Payload layout version: principal directions m (int32), mean (Dimension float32), projection P
    /// (Dimension × m float32), minimums (m float32), then per bit its direction (int32) and ω (float64).
    /// </summary>
    public const int CurrentPayloadVersion = 1;

    private const int BlockRows = 256;

    private readonly LinearProjection _projection;
    private readonly float[] _minimums;
    private readonly int[] _directions;
    private readonly double[] _frequencies;

    /// <summary>Wraps the principal projection, the per-direction minimums and each bit's direction and frequency (not copied).</summary>
    public SpectralModel(LinearProjection projection, float[] minimums, int[] directions, double[] frequencies)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(minimums);
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(frequencies);
        if (minimums.Length != projection.Outputs) throw new ArgumentException($"minimums holds {minimums.Length}, expected {projection.Outputs}", nameof(minimums));
        if (directions.Length != frequencies.Length || directions.Length % 8 != 0 || directions.Length == 0)
            throw new ArgumentException("directions and frequencies need one entry per bit, a positive multiple of 8", nameof(frequencies));
        foreach (int d in directions) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)d, (uint)projection.Outputs, nameof(directions));
        _projection = projection;
        _minimums = minimums;
        _directions = directions;
        _frequencies = frequencies;
    }

    /// <inheritdoc/>
    public string Method => SpectralHasher.MethodName;

    /// <inheritdoc/>
    public int Dimension => _projection.Dimension;

    /// <inheritdoc/>
    public int Bits => _directions.Length;

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>The map onto the principal directions.</summary>
    public LinearProjection Projection => _projection;

    /// <summary>Smallest training value along each principal direction.</summary>
    public ReadOnlySpan<float> Minimums => _minimums;

    /// <summary>The principal direction of each bit.</summary>
    public ReadOnlySpan<int> Directions => _directions;

    /// <summary>The angular frequency ω of each bit.</summary>
    public ReadOnlySpan<double> Frequencies => _frequencies;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int m = _projection.Outputs, bytes = Bits / 8;
        if (vectors.Length != (long)count * Dimension) throw new ArgumentException($"vectors holds {vectors.Length} values, expected {count} x {Dimension}", nameof(vectors));
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes holds {codes.Length} bytes, expected {count} x {bytes}", nameof(codes));
        float[] projected = ArrayPool<float>.Shared.Rent(BlockRows * m);
        float[] values = ArrayPool<float>.Shared.Rent(Bits);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                _projection.Project(vectors.Slice(start * Dimension, rows * Dimension), rows, projected.AsSpan(0, rows * m));
                for (int r = 0; r < rows; r++)
                {
                    var y = projected.AsSpan(r * m, m);
                    for (int i = 0; i < Bits; i++)
                    {
                        int d = _directions[i];
                        values[i] = (float)Math.Cos(_frequencies[i] * ((double)y[d] - _minimums[d]));
                    }
                    PackedCodes.PackRow(values.AsSpan(0, Bits), codes.Slice((start + r) * bytes, bytes));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(projected);
            ArrayPool<float>.Shared.Return(values);
        }
    }

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_projection.Outputs);
        ModelPayload.WriteFloats(writer, _projection.Mean);
        ModelPayload.WriteFloats(writer, _projection.Matrix);
        ModelPayload.WriteFloats(writer, _minimums);
        for (int i = 0; i < Bits; i++)
        {
            writer.Write(_directions[i]);
            writer.Write(_frequencies[i]);
        }
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/>.</summary>
    public static SpectralModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        int m = ModelPayload.RequireInRange(reader.ReadInt32(), 1, header.Dimension, "sh principal directions");
        var mean = ModelPayload.ReadFloats(reader, header.Dimension);
        var matrix = ModelPayload.ReadFloats(reader, checked(header.Dimension * m));
        var minimums = ModelPayload.ReadFloats(reader, m);
        var directions = new int[header.Bits];
        var frequencies = new double[header.Bits];
        for (int i = 0; i < header.Bits; i++)
        {
            directions[i] = ModelPayload.RequireInRange(reader.ReadInt32(), 0, m - 1, "sh bit direction");
            frequencies[i] = reader.ReadDouble();
        }
        return new SpectralModel(new LinearProjection(mean, matrix, m), minimums, directions, frequencies);
    }
}
