namespace Sigah.Hashing.Neural;

/// <summary>Argument checks shared by the layers: a batch buffer must hold <c>batch × features</c> values.</summary>
internal static class BatchShape
{
    internal static void Check(ReadOnlySpan<float> buffer, int batch, int features, string name)
    {
        if (buffer.Length < (long)batch * features)
            throw new ArgumentException($"{name} holds {buffer.Length} values, expected at least {batch} x {features}", name);
    }

    internal static void CheckForward(ILayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        Check(input, batch, layer.InputSize, nameof(input));
        Check(output, batch, layer.OutputSize, nameof(output));
    }

    internal static void CheckBackward(ILayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> inputGradient, int batch)
    {
        CheckForward(layer, input, output, batch);
        Check(outputGradient, batch, layer.OutputSize, nameof(outputGradient));
        if (!inputGradient.IsEmpty) Check(inputGradient, batch, layer.InputSize, nameof(inputGradient));
    }
}
