using Sigah.Core.Codes;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Spherical;

/// <summary>
/// A fitted Spherical Hashing model: bit i of a code is 1 when the vector lies inside sphere i
/// (squared distance to centre i ≤ squared radius i). Compare its codes with
/// <see cref="Sigah.Core.Hamming.SphericalHammingDistance"/>, the distance the method was designed for.
/// </summary>
internal sealed class SphericalModel : IHashModel
{
    /// <summary>Payload layout version: centres (Bits × Dimension float32), then squared radii (Bits float32).</summary>
    public const int CurrentPayloadVersion = 1;

    private const int BlockRows = 1024;

    private readonly float[] _centres;
    private readonly float[] _squaredRadii;
    private readonly float[] _centreNorms;

    /// <summary>Wraps <paramref name="centres"/> (bits × dimension) and <paramref name="squaredRadii"/> (bits), not copied.</summary>
    public SphericalModel(int dimension, int bits, float[] centres, float[] squaredRadii)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(squaredRadii);
        if (centres.Length != bits * dimension) throw new ArgumentException($"centres holds {centres.Length} values, expected {bits} x {dimension}", nameof(centres));
        if (squaredRadii.Length != bits) throw new ArgumentException($"squaredRadii holds {squaredRadii.Length} values, expected {bits}", nameof(squaredRadii));
        Dimension = dimension;
        Bits = bits;
        _centres = centres;
        _squaredRadii = squaredRadii;
        _centreNorms = new float[bits];
        SquaredDistances.RowNorms(centres, dimension, _centreNorms);
    }

    /// <inheritdoc/>
    public string Method => SphericalHasher.MethodName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Bits { get; }

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>Sphere centres, Bits × Dimension, row-major.</summary>
    public ReadOnlySpan<float> Centres => _centres;

    /// <summary>Squared sphere radii, one per bit.</summary>
    public ReadOnlySpan<float> SquaredRadii => _squaredRadii;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (vectors.Length != (long)count * Dimension) throw new ArgumentException($"vectors holds {vectors.Length} values, expected {count} x {Dimension}", nameof(vectors));
        int bytes = Bits / 8;
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes holds {codes.Length} bytes, expected {count} x {bytes}", nameof(codes));
        var distances = new float[Math.Min(count, BlockRows) * Bits];
        var inside = new float[Bits];
        for (int start = 0; start < count; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, count - start);
            SquaredDistances.Compute(vectors.Slice(start * Dimension, rows * Dimension), rows, _centres, _centreNorms, Dimension, distances);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < Bits; i++) inside[i] = distances[r * Bits + i] <= _squaredRadii[i] ? 1f : 0f;
                PackedCodes.PackRow(inside, codes.Slice((start + r) * bytes, bytes));
            }
        }
    }

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ModelPayload.WriteFloats(writer, _centres);
        ModelPayload.WriteFloats(writer, _squaredRadii);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/>.</summary>
    public static SphericalModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        var centres = ModelPayload.ReadFloats(reader, checked(header.Bits * header.Dimension));
        var squaredRadii = ModelPayload.ReadFloats(reader, header.Bits);
        return new SphericalModel(header.Dimension, header.Bits, centres, squaredRadii);
    }
}
