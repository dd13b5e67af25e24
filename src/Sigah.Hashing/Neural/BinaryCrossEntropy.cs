using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Binary cross-entropy on logits, averaged over every element: with z the logit and t ∈ [0, 1] the target,
/// L = (1/N) Σ [max(z, 0) − z·t + log(1 + e^−|z|)], which equals −t·log σ(z) − (1 − t)·log(1 − σ(z)) without
/// overflow for large |z| (PyTorch's <c>BCEWithLogitsLoss</c>). Taking logits rather than probabilities keeps the
/// gradient (σ(z) − t)/N exact where σ saturates.
/// </summary>
public static class BinaryCrossEntropy
{
    /// <summary>
    /// Returns L and writes d(L)/d(logits) = (σ(z) − t)/N into <paramref name="gradient"/>. The three spans have the
    /// same length; <paramref name="gradient"/> must not overlap the others (it is used as scratch).
    /// </summary>
    public static float Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient)
    {
        LossShape.Check(logits, target, gradient);
        if (logits.IsEmpty) return 0f;
        TensorPrimitives.Abs(logits, gradient);
        TensorPrimitives.Negate(gradient, gradient);
        TensorPrimitives.Exp(gradient, gradient);
        TensorPrimitives.LogP1(gradient, gradient);
        double sum = TensorPrimitives.Sum<float>(gradient);
        TensorPrimitives.Max(logits, 0f, gradient);
        sum += TensorPrimitives.Sum<float>(gradient) - (double)TensorPrimitives.Dot(logits, target);

        float inverseCount = 1f / logits.Length;
        TensorPrimitives.Sigmoid(logits, gradient);
        TensorPrimitives.Subtract(gradient, target, gradient);
        TensorPrimitives.Multiply(gradient, inverseCount, gradient);
        return (float)(sum * inverseCount);
    }
}
