using System.Buffers;
using Sigah.Core.Codes;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// A trained SiGAH hash function — the generator alone: code = sign(f(g(x))) with g the <see cref="GeneratorInput"/>
/// (standardise, z = (x − mean) / scale, then z·V where the model has input components V, d × r) and f = Dense(r → h),
/// ReLU, Dense(h → m); bit j = 1 where f(·)ⱼ &gt; 0. Encoding is two or three sgemm calls per block of rows.
/// Payload version 3: hidden h (int32), scale (float32), the training choices (start as int32, step size as float64),
/// components r (int32, 0 for none), mean (d), V (d × r, when r &gt; 0), W₁ (h × r), b₁ (h), W₂ (m × h), b₂ (m), all
/// float32 row-major. Version 2 had no components; version 1 (before the standardisation) had no scale and no choices
/// and reads as scale 1.
/// </summary>
internal sealed class SigahModel : IHashModel
{
    /// <summary>The payload layout version this class writes and reads.</summary>
    public const int CurrentPayloadVersion = 3;

    private const int BlockRows = GeneratorInput.BlockRows;

    /// <summary>Largest hidden width a payload may declare (guards allocation on damaged files).</summary>
    private const int MaxHidden = 1 << 16;

    private readonly Sequential _generator;
    private readonly GeneratorInput _input;

    /// <summary>
    /// Wraps a generator network f (Dense, ReLU, Dense), the training mean (d values, kept, not copied) and the training
    /// rows' spread <paramref name="scale"/> (positive), which standardise every input before f, and optionally the
    /// d × r input <paramref name="components"/> (row-major) the standardised rows are projected on, where f takes r inputs;
    /// <paramref name="method"/> is the registered method that trained it (sigah or sigah-paper).
    /// </summary>
    public SigahModel(float[] mean, float scale, Sequential generator, SigahChoices? choices = null, float[]? components = null, string method = SigahHasher.MethodName)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(scale > 0 && float.IsFinite(scale))) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be positive and finite");
        if (generator.Layers.Count != 3 || generator.Layers[0] is not Dense || generator.Layers[1] is not Relu || generator.Layers[2] is not Dense)
            throw new ArgumentException("the generator must be Dense, ReLU, Dense", nameof(generator));
        if (components is not null && (mean.Length == 0 || components.Length != (long)mean.Length * generator.InputSize))
            throw new ArgumentException($"components have {components.Length} values, expected {mean.Length} x {generator.InputSize}", nameof(components));
        if (components is null && generator.InputSize != mean.Length)
            throw new ArgumentException($"the generator takes {generator.InputSize} features but the mean has {mean.Length}", nameof(generator));
        if (generator.OutputSize % 8 != 0)
            throw new ArgumentException($"the generator gives {generator.OutputSize} outputs, not a multiple of 8", nameof(generator));
        ArgumentException.ThrowIfNullOrEmpty(method);
        Method = method;
        Mean = mean;
        Scale = scale;
        Choices = choices;
        Components = components;
        _input = new GeneratorInput(new Standardisation(mean, scale), components);
        _generator = generator;
    }

    /// <inheritdoc/>
    public string Method { get; }

    /// <inheritdoc/>
    public int Dimension => Mean.Length;

    /// <inheritdoc/>
    public int Bits => _generator.OutputSize;

    /// <summary>The generator f (d or r → hidden → bits), for the ONNX export.</summary>
    internal Sequential Generator => _generator;

    /// <summary>Hidden units h of the generator.</summary>
    public int Hidden => _generator.Layers[0].OutputSize;

    /// <inheritdoc/>
    public int PayloadVersion => CurrentPayloadVersion;

    /// <summary>The training mean (d values) subtracted before f.</summary>
    public float[] Mean { get; }

    /// <summary>What the trainer chose on validation (the start and the step size); null for models saved before they were recorded.</summary>
    public SigahChoices? Choices { get; }

    /// <summary>The d × r input components (row-major) the standardised rows are projected on, or null when f reads them as they are.</summary>
    public float[]? Components { get; }

    /// <summary>The training rows' root-mean-square spread about <see cref="Mean"/>, per coordinate; inputs are divided by it.</summary>
    public float Scale { get; }

    /// <summary>
    /// Writes f(g(x)) for <paramref name="count"/> rows of <paramref name="vectors"/> (count × d) into
    /// <paramref name="output"/> (count × m): the real values whose signs are the codes.
    /// </summary>
    public void Project(ReadOnlySpan<float> vectors, int count, Span<float> output)
    {
        int d = Dimension, r = _input.Width, m = Bits, block = Math.Min(count, BlockRows);
        float[] mapped = ArrayPool<float>.Shared.Rent(block * r);
        float[] scratch = ArrayPool<float>.Shared.Rent(Components is null ? 0 : block * d);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                _input.Apply(vectors.Slice(start * d, rows * d), rows, mapped, scratch);
                _generator.Predict(mapped, output.Slice(start * m, rows * m), rows);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(mapped);
        }
    }

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        int d = Dimension, m = Bits;
        if (vectors.Length < (long)count * d) throw new ArgumentException($"vectors holds {vectors.Length} values, expected {count} x {d}", nameof(vectors));
        if (codes.Length < (long)count * m / 8) throw new ArgumentException($"codes holds {codes.Length} bytes, expected {count} x {m / 8}", nameof(codes));
        float[] projected = ArrayPool<float>.Shared.Rent(Math.Min(count, BlockRows) * m);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                Project(vectors.Slice(start * d, rows * d), rows, projected);
                for (int i = 0; i < rows; i++)
                    PackedCodes.PackRow(projected.AsSpan(i * m, m), codes.Slice((start + i) * m / 8, m / 8));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(projected);
        }
    }

    /// <inheritdoc/>
    public void WritePayload(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Hidden);
        writer.Write(Scale);
        writer.Write((int)(Choices?.Start ?? SigahStart.Random));
        writer.Write(Choices?.LearningRate ?? double.NaN);
        writer.Write(Components is null ? 0 : _input.Width);
        ModelPayload.WriteFloats(writer, Mean);
        if (Components is not null) ModelPayload.WriteFloats(writer, Components);
        foreach (var p in _generator.Parameters) ModelPayload.WriteFloats(writer, p.Value);
    }

    /// <summary>Reads a payload written by <see cref="WritePayload"/> (the registry's loader for sigah).</summary>
    public static SigahModel Load(BinaryReader reader, ModelHeader header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(header);
        ModelPayload.RequireVersion(header, 1, CurrentPayloadVersion);
        int hidden = ModelPayload.RequireInRange(reader.ReadInt32(), 1, MaxHidden, "sigah hidden units");
        float scale = header.PayloadVersion == 1 ? 1f : reader.ReadSingle();
        if (!(scale > 0 && float.IsFinite(scale))) throw new InvalidDataException($"sigah scale {scale} is not positive and finite");
        SigahChoices? choices = null;
        if (header.PayloadVersion >= 2)
        {
            var start = (SigahStart)reader.ReadInt32();
            if (!Enum.IsDefined(start)) throw new InvalidDataException($"sigah start {(int)start} is not a known start");
            choices = new SigahChoices(start, reader.ReadDouble());
        }
        int components = header.PayloadVersion >= 3 ? ModelPayload.RequireInRange(reader.ReadInt32(), 0, header.Dimension, "sigah input components") : 0;
        if ((long)header.Dimension * components > Array.MaxLength)
            throw new InvalidDataException($"sigah input components {header.Dimension} x {components} are too large");
        var mean = ModelPayload.ReadFloats(reader, header.Dimension);
        var projection = components > 0 ? ModelPayload.ReadFloats(reader, header.Dimension * components) : null;
        var generator = GeneratorNetwork.CreateRandom(components > 0 ? components : header.Dimension, hidden, header.Bits, new Random(0));
        foreach (var p in generator.Parameters)
            ModelPayload.ReadFloats(reader, p.Length).CopyTo(p.Value, 0);
        return new SigahModel(mean, scale, generator, choices, projection, header.Method);
    }
}
