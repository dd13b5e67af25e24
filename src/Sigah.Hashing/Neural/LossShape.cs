namespace Sigah.Hashing.Neural;

/// <summary>Argument checks shared by the losses.</summary>
internal static class LossShape
{
    internal static void Check(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, ReadOnlySpan<float> gradient)
    {
        if (target.Length != prediction.Length)
            throw new ArgumentException($"target has {target.Length} values, prediction {prediction.Length}", nameof(target));
        if (gradient.Length != prediction.Length)
            throw new ArgumentException($"gradient has {gradient.Length} values, prediction {prediction.Length}", nameof(gradient));
    }
}
