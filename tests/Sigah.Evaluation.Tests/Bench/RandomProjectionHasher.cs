using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>
/// A test-only hasher: bit j is the sign of a seeded Gaussian projection of the centred vector. It also
/// remembers the training context it was given, so tests can check what the bench passes.
/// </summary>
internal sealed class RandomProjectionHasher(int bits) : IHasher
{
    public const string Name = "projection";

    public static readonly HasherInfo Info = new(Name, "signs of seeded random projections (test only)",
        CodeLengthOnly.Settings(bits => new RandomProjectionHasher(bits)), (r, h) => RandomProjectionModel.Read(r, h));

    /// <summary>The context of the most recent <see cref="Fit"/> on any instance.</summary>
    public static TrainingContext? LastContext { get; private set; }

    public string Method => Name;

    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        LastContext = context;
        int d = train.Cols;
        var mean = new float[d];
        for (int i = 0; i < train.Rows; i++)
            for (int j = 0; j < d; j++) mean[j] += train.Row(i)[j] / train.Rows;
        var rng = new Random(context.Seed);
        var projections = new float[bits * d];
        for (int i = 0; i < projections.Length; i++)
            projections[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return new RandomProjectionModel(d, bits, mean, projections);
    }
}

internal sealed class RandomProjectionModel(int dimension, int bits, float[] mean, float[] projections) : IHashModel
{
    public string Method => RandomProjectionHasher.Name;

    public int Dimension => dimension;

    public int Bits => bits;

    public int PayloadVersion => 1;

    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        var values = new float[bits];
        for (int i = 0; i < count; i++)
        {
            var x = vectors.Slice(i * dimension, dimension);
            for (int b = 0; b < bits; b++)
            {
                float dot = 0;
                for (int j = 0; j < dimension; j++) dot += (x[j] - mean[j]) * projections[b * dimension + j];
                values[b] = dot;
            }
            PackedCodes.PackRow(values, codes.Slice(i * bits / 8, bits / 8));
        }
    }

    public void WritePayload(BinaryWriter writer)
    {
        foreach (float v in mean) writer.Write(v);
        foreach (float v in projections) writer.Write(v);
    }

    public static RandomProjectionModel Read(BinaryReader reader, ModelHeader header)
    {
        var mean = new float[header.Dimension];
        var projections = new float[header.Bits * header.Dimension];
        for (int i = 0; i < mean.Length; i++) mean[i] = reader.ReadSingle();
        for (int i = 0; i < projections.Length; i++) projections[i] = reader.ReadSingle();
        return new RandomProjectionModel(header.Dimension, header.Bits, mean, projections);
    }
}

/// <summary>A test-only hasher that gives every vector the all-zero code: a ranking that is one big tie.</summary>
internal sealed class ConstantHasher(int bits) : IHasher
{
    public const string Name = "constant";

    public static readonly HasherInfo Info = new(Name, "the all-zero code (test only)",
        CodeLengthOnly.Settings(bits => new ConstantHasher(bits)), (_, h) => new ConstantModel(h.Dimension, h.Bits)) { Stochastic = false };

    public string Method => Name;

    public IHashModel Fit(FloatMatrix train, TrainingContext context) => new ConstantModel(train.Cols, bits);
}

internal sealed class ConstantModel(int dimension, int bits) : IHashModel
{
    public string Method => ConstantHasher.Name;

    public int Dimension => dimension;

    public int Bits => bits;

    public int PayloadVersion => 1;

    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes) => codes[..(count * bits / 8)].Clear();

    public void WritePayload(BinaryWriter writer) { }
}
