using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Mean squared error over every element: L = (1/N) Σ (p − t)², N = <c>prediction.Length</c> (batch × features),
/// the mean PyTorch's <c>MSELoss</c> takes.
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
}
