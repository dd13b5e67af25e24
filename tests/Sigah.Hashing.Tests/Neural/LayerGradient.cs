using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

/// <summary>Finite-difference check of one layer's Backward: input gradient and every parameter gradient.</summary>
internal static class LayerGradient
{
    /// <summary>
    /// Runs the layer on <paramref name="input"/> (batch × InputSize), back-propagates a random probe p (so the checked
    /// function is Σ p·y, summed in double) and compares every analytic gradient with central differences.
    /// </summary>
    internal static void Check(ILayer layer, float[] input, int batch, Random random, float step, double absolute, double relative)
    {
        var probe = FiniteDifference.Uniform(random, batch * layer.OutputSize);
        var output = new float[batch * layer.OutputSize];
        layer.Forward(input, output, batch);
        foreach (var p in layer.Parameters) p.ZeroGradient();
        var inputGradient = new float[batch * layer.InputSize];
        layer.Backward(input, output, probe, inputGradient, batch, parameterGradients: true);

        double Function()
        {
            var y = new float[batch * layer.OutputSize];
            layer.Forward(input, y, batch);
            return FiniteDifference.Probe(y, probe);
        }

        FiniteDifference.AssertGradient(Function, input, inputGradient, step, absolute, relative, "input");
        foreach (var p in layer.Parameters)
            FiniteDifference.AssertGradient(Function, p.Value, p.Gradient.ToArray(), step, absolute, relative, p.Name);
    }

    /// <summary>Uniform values with magnitude in [gap, scale], random sign: at least <paramref name="gap"/> away from a kink at 0.</summary>
    internal static float[] AwayFromZero(Random random, int length, double gap, double scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)((random.Next(2) == 0 ? -1 : 1) * (gap + random.NextDouble() * (scale - gap)));
        return values;
    }
}
