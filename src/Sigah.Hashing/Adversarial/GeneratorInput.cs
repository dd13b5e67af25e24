using Sigah.Core.Blas;
using Sigah.Core.Data;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// What SiGAH's generator reads in place of a raw row x (d values): the standardised row z = (x − μ)/s, and where the
/// model has input components V (d × r, the training rows' leading principal directions) its coordinates z·V. Wide
/// inputs carry little beyond their leading components, and the generator's first layer costs r × hidden per row
/// instead of d × hidden in every training step and encoding. Training and encoding both map rows through
/// <see cref="Apply"/> on blocks of <see cref="BlockRows"/> rows counted from row 0, so a model's codes of its training
/// rows are bit-identical to the codes training scored.
/// </summary>
internal sealed class GeneratorInput
{
    /// <summary>Rows mapped per call of <see cref="Apply"/>.</summary>
    public const int BlockRows = 1024;

    private readonly float _inverseScale;

    /// <summary>Maps rows by <paramref name="standardisation"/> and then, unless null, by <paramref name="components"/> (d × r row-major).</summary>
    public GeneratorInput(Standardisation standardisation, float[]? components)
    {
        ArgumentNullException.ThrowIfNull(standardisation);
        int d = standardisation.Mean.Length;
        if (components is not null && (d == 0 || components.Length % d != 0 || components.Length == 0))
            throw new ArgumentException($"components have {components.Length} values, not a multiple of the dimension {d}", nameof(components));
        Standardisation = standardisation;
        Components = components;
        Width = components is null ? d : components.Length / d;
        _inverseScale = 1f / standardisation.Scale;
    }

    /// <summary>The training mean and spread.</summary>
    public Standardisation Standardisation { get; }

    /// <summary>The d × r input components (row-major), or null when the generator reads the standardised row itself.</summary>
    public float[]? Components { get; }

    /// <summary>Values per raw row, d.</summary>
    public int Dimension => Standardisation.Mean.Length;

    /// <summary>Values per mapped row, r (d without components).</summary>
    public int Width { get; }

    /// <summary>
    /// Maps <paramref name="count"/> ≤ <see cref="BlockRows"/> rows of <paramref name="rows"/> (count × d) into
    /// <paramref name="output"/> (count × r); <paramref name="scratch"/> holds count × d values when there are components.
    /// </summary>
    public void Apply(ReadOnlySpan<float> rows, int count, Span<float> output, Span<float> scratch)
    {
        int d = Dimension;
        var standardised = Components is null ? output : scratch;
        for (int i = 0; i < count; i++)
            Standardisation.ApplyToRow(rows.Slice(i * d, d), Standardisation.Mean, _inverseScale, standardised.Slice(i * d, d));
        if (Components is not null)
            Gemm.Sgemm(Transpose.No, Transpose.No, count, Width, d, 1f, scratch, d, Components, Width, 0f, output, Width);
    }

    /// <summary>Every row of <paramref name="rows"/> (n × d) mapped, n × r, block by block as encoding maps them.</summary>
    public FloatMatrix ApplyAll(FloatMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mapped = new FloatMatrix(rows.Rows, Width);
        int blocks = (rows.Rows + BlockRows - 1) / BlockRows, d = Dimension;
        Parallel.For(0, blocks, () => new float[Components is null ? 0 : BlockRows * d], (b, _, scratch) =>
        {
            int start = b * BlockRows, count = Math.Min(BlockRows, rows.Rows - start);
            Apply(rows.Data.AsSpan(start * d, count * d), count, mapped.Data.AsSpan(start * Width, count * Width), scratch);
            return scratch;
        }, _ => { });
        return mapped;
    }
}
