using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Squared error. <see cref="Compute"/> is the mean over every element, L = (1/N) Σ (p − t)², N = <c>prediction.Length</c>
/// (batch × features, the mean PyTorch's <c>MSELoss</c> takes). <see cref="PerRow"/> and <see cref="PerRowGradient"/>
/// give each row's own mean, E_r = (1/d) Σ_j (p_rj − t_rj)², for losses built on per-sample errors (for example
/// auto-encoder energies inside a margin).
/// </summary>
public static class MeanSquaredError
{
    /// <summary>
    /// Returns L and writes d(L)/d(prediction) = 2(p − t)/N into <paramref name="gradient"/>; the three spans have
    /// the same length (the gradient may be the prediction buffer itself).
    /// </summary>
    public static float Compute(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        LossShape.Check(prediction, target, gradient);
        if (prediction.IsEmpty) return 0f;
        float inverseCount = 1f / prediction.Length;
        TensorPrimitives.Subtract(prediction, target, gradient);
        float loss = TensorPrimitives.SumOfSquares(gradient) * inverseCount;
        TensorPrimitives.Multiply(gradient, 2f * inverseCount, gradient);
        return loss;
    }

    /// <summary>
    /// Writes E_r = (1/<paramref name="features"/>) Σ_j (p_rj − t_rj)² for each of the <c>rowErrors.Length</c> rows;
    /// <paramref name="prediction"/> and <paramref name="target"/> hold <c>rowErrors.Length × features</c> values.
    /// </summary>
    public static void PerRow(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, int features, Span<float> rowErrors)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        CheckRows(prediction, target, features, rowErrors.Length);
        for (int r = 0; r < rowErrors.Length; r++)
        {
            float distance = TensorPrimitives.Distance(prediction.Slice(r * features, features), target.Slice(r * features, features));
            rowErrors[r] = distance * distance / features;
        }
    }

    /// <summary>
    /// Writes the gradient of Σ_r w_r·E_r with respect to the prediction, w_r·2(p_rj − t_rj)/d, into
    /// <paramref name="gradient"/> (<c>rowWeights.Length × features</c> values; may be the prediction buffer).
    /// </summary>
    public static void PerRowGradient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, int features,
        ReadOnlySpan<float> rowWeights, Span<float> gradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        CheckRows(prediction, target, features, rowWeights.Length);
        if (gradient.Length != prediction.Length)
            throw new ArgumentException($"gradient has {gradient.Length} values, prediction {prediction.Length}", nameof(gradient));
        for (int r = 0; r < rowWeights.Length; r++)
        {
            var row = gradient.Slice(r * features, features);
            TensorPrimitives.Subtract(prediction.Slice(r * features, features), target.Slice(r * features, features), row);
            TensorPrimitives.Multiply(row, 2f * rowWeights[r] / features, row);
        }
    }

    private static void CheckRows(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, int features, int rows)
    {
        if (prediction.Length != (long)rows * features)
            throw new ArgumentException($"prediction has {prediction.Length} values, expected {rows} x {features}", nameof(prediction));
        if (target.Length != prediction.Length)
            throw new ArgumentException($"target has {target.Length} values, prediction {prediction.Length}", nameof(target));
    }
}
