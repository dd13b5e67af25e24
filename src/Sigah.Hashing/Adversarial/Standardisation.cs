using System.Numerics.Tensors;
using Sigah.Core.Data;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// What SiGAH's generator sees: z = (x − μ) / s, with μ the training mean and s the training rows' root-mean-square
/// spread about it per coordinate, divided by the target spread. One scale for all coordinates keeps the Euclidean
/// ranking the codes must reproduce (a per-coordinate scale would change it) and makes training invariant to the
/// input's scale and offset: a·x + b trains exactly like x, up to float rounding.
/// </summary>
internal sealed record Standardisation(float[] Mean, float Scale)
{
    /// <summary>
    /// μ and s of <paramref name="rows"/> (n × d), with s chosen so the standardised rows have root-mean-square
    /// <paramref name="targetSpread"/> per coordinate; constant rows get s = 1.
    /// </summary>
    public static Standardisation Fit(FloatMatrix rows, double targetSpread)
    {
        var mean = ColumnMean.Compute(rows);
        var centred = new float[rows.Cols];
        double sum = 0;
        for (int i = 0; i < rows.Rows; i++)
        {
            TensorPrimitives.Subtract(rows.Row(i), mean, centred);
            sum += TensorPrimitives.SumOfSquares(centred);
        }
        double spread = Math.Sqrt(sum / ((double)rows.Rows * rows.Cols));
        float scale = spread > 0 && double.IsFinite(spread) ? (float)(spread / targetSpread) : 1f;
        return new Standardisation(mean, scale);
    }

    /// <summary>μ of <paramref name="rows"/> and s = 1: centring alone (the ablation without standardisation).</summary>
    public static Standardisation Centring(FloatMatrix rows) => new(ColumnMean.Compute(rows), 1f);

    /// <summary>(x − μ) / s for every row of <paramref name="rows"/>, as a new matrix.</summary>
    public FloatMatrix Apply(FloatMatrix rows)
    {
        var standardised = new FloatMatrix(rows.Rows, rows.Cols);
        float inverse = 1f / Scale;
        Parallel.For(0, rows.Rows, i => ApplyToRow(rows.Row(i), Mean, inverse, standardised.Row(i)));
        return standardised;
    }

    /// <summary>
    /// (row − <paramref name="mean"/>) · <paramref name="inverseScale"/> into <paramref name="destination"/> (d values each):
    /// the one computation training and encoding share, so both see bit-identical inputs.
    /// </summary>
    public static void ApplyToRow(ReadOnlySpan<float> row, ReadOnlySpan<float> mean, float inverseScale, Span<float> destination)
    {
        TensorPrimitives.Subtract(row, mean, destination);
        TensorPrimitives.Multiply(destination, inverseScale, destination);
    }
}
