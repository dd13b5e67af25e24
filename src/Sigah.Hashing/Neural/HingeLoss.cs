using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Hinge loss averaged over every element: L = (1/N) Σ max(0, margin − t·y), with targets t usually ±1 (for example
/// code bits, so that y is pushed to the side of its bit by at least the margin). Gradient −t/N where the hinge is
/// active (margin − t·y &gt; 0), 0 elsewhere.
/// </summary>
public static class HingeLoss
{
    /// <summary>
    /// Returns L and writes d(L)/d(prediction) into <paramref name="gradient"/>. The three spans have the same
    /// length; <paramref name="gradient"/> must not overlap the others (it is used as scratch).
    /// </summary>
    public static float Compute(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, float margin = 1f)
    {
        LossShape.Check(prediction, target, gradient);
        if (!float.IsFinite(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be finite");
        if (prediction.IsEmpty) return 0f;
        TensorPrimitives.Multiply(prediction, target, gradient);
        TensorPrimitives.Subtract(margin, gradient, gradient);
        TensorPrimitives.Max(gradient, 0f, gradient);
        float inverseCount = 1f / prediction.Length;
        float loss = TensorPrimitives.Sum<float>(gradient) * inverseCount;
        MaskedKernels.PassWherePositive(gradient, target, gradient);
        TensorPrimitives.Multiply(gradient, -inverseCount, gradient);
        return loss;
    }
}
