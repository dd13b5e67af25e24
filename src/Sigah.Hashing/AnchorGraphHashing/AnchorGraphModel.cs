using Sigah.Core.Codes;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>
/// A fitted one-layer Anchor Graph Hashing model: a vector's s nearest anchors give its sparse row z(x)
/// (Gaussian weights of width σ, normalised), and bit k is 1 where (z(x)ᵀ·W)_k &gt; 0.
/// </summary>
internal sealed class AnchorGraphModel : IHashModel
{
    /// <summary>
    /// Payload layout version: anchor count m and neighbours s (int32), bandwidth σ (float32), anchors
    /// (m × Dimension float32), projection W (m × Bits float32).
    /// </summary>
    public const int CurrentPayloadVersion = 1;

    private const int BlockRows = 1024;

    private readonly float[] _anchors;
    private readonly float[] _anchorNorms;
    private readonly float[] _projection;

    /// <summary>Wraps <paramref name="anchors"/> (m × dimension) and <paramref name="projection"/> (m × bits), not copied.</summary>
    public AnchorGraphModel(int dimension, int bits, int neighbours, float bandwidth, float[] anchors, float[] projection)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(projection);
        int m = anchors.Length / dimension;
        if (m < 1 || anchors.Length != m * dimension) throw new ArgumentException($"anchors holds {anchors.Length} values, not a positive multiple of {dimension}", nameof(anchors));
        if (projection.Length != m * bits) throw new ArgumentException($"projection holds {projection.Length} values, expected {m} x {bits}", nameof(projection));
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(neighbours, m);
        if (!(bandwidth > 0)) throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "bandwidth must be positive");
        Dimension = dimension;
        Bits = bits;
        Neighbours = neighbours;
        Bandwidth = bandwidth;
        _anchors = anchors;
        _projection = projection;
        _anchorNorms = new float[m];
        SquaredDistances.RowNorms(anchors, dimension, _anchorNorms);
    }

    /// <inheritdoc/>
    public string Method => AnchorGraphHasher.MethodName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Bits { get; }

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>Number of anchors m.</summary>
    public int Anchors => _anchorNorms.Length;

    /// <summary>Nearest anchors per vector, s.</summary>
    public int Neighbours { get; }

    /// <summary>Kernel width σ.</summary>
    public float Bandwidth { get; }

    /// <summary>The anchors, m × Dimension, row-major.</summary>
    public ReadOnlySpan<float> AnchorPoints => _anchors;

    /// <summary>The projection W, m × Bits, row-major.</summary>
    public ReadOnlySpan<float> Projection => _projection;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (vectors.Length != (long)count * Dimension) throw new ArgumentException($"vectors holds {vectors.Length} values, expected {count} x {Dimension}", nameof(vectors));
        int bytes = Bits / 8, m = Anchors, s = Neighbours;
        if (codes.Length != (long)count * bytes) throw new ArgumentException($"codes holds {codes.Length} bytes, expected {count} x {bytes}", nameof(codes));
        var distances = new float[Math.Min(count, BlockRows) * m];
        var nearest = new int[s];
        var weights = new float[s];
        var embedding = new float[Bits];
        for (int start = 0; start < count; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, count - start);
            SquaredDistances.Compute(vectors.Slice(start * Dimension, rows * Dimension), rows, _anchors, _anchorNorms, Dimension, distances);
            for (int r = 0; r < rows; r++)
            {
                AnchorGraph.SelectNearest(distances.AsSpan(r * m, m), nearest, weights);
                AnchorGraph.KernelWeights(weights, Bandwidth);
                embedding.AsSpan().Clear();
                for (int t = 0; t < s; t++)
                {
                    var w = _projection.AsSpan(nearest[t] * Bits, Bits);
                    for (int k = 0; k < Bits; k++) embedding[k] += weights[t] * w[k];
                }
                PackedCodes.PackRow(embedding, codes.Slice((start + r) * bytes, bytes));
            }
        }
    }

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Anchors);
        writer.Write(Neighbours);
        writer.Write(Bandwidth);
        ModelPayload.WriteFloats(writer, _anchors);
        ModelPayload.WriteFloats(writer, _projection);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/>.</summary>
    public static AnchorGraphModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, CurrentPayloadVersion);
        int m = ModelPayload.RequireInRange(reader.ReadInt32(), header.Bits + 1, int.MaxValue / Math.Max(header.Dimension, header.Bits), "anchor count");
        int s = ModelPayload.RequireInRange(reader.ReadInt32(), 1, m, "neighbours");
        float bandwidth = reader.ReadSingle();
        if (!(bandwidth > 0) || !float.IsFinite(bandwidth)) throw new InvalidDataException($"agh bandwidth {bandwidth} is not positive");
        var anchors = ModelPayload.ReadFloats(reader, m * header.Dimension);
        var projection = ModelPayload.ReadFloats(reader, m * header.Bits);
        return new AnchorGraphModel(header.Dimension, header.Bits, s, bandwidth, anchors, projection);
    }
}
