namespace Sigah.Hashing.Tests.Neural;

/// <summary>
/// Central finite differences of a scalar function of float arrays, compared with an analytic gradient.
/// The function is evaluated in double (its callers sum float outputs in double), so the numeric derivative's error
/// is the float rounding of the outputs divided by the step, plus the step's truncation error; callers pick the
/// step and tolerances for their function and say why.
/// </summary>
internal static class FiniteDifference
{
    /// <summary>
    /// Asserts, for every index k, that (f(x + h·e_k) − f(x − h·e_k)) / (actual 2h) is within
    /// <paramref name="absolute"/> + <paramref name="relative"/>·max(|numeric|, |analytic|) of <paramref name="analytic"/>[k].
    /// <paramref name="variable"/> is restored afterwards.
    /// </summary>
    internal static void AssertGradient(Func<double> function, float[] variable, ReadOnlySpan<float> analytic, float step,
        double absolute, double relative, string name)
    {
        Assert.Equal(variable.Length, analytic.Length);
        for (int k = 0; k < variable.Length; k++)
        {
            float saved = variable[k];
            float plus = saved + step, minus = saved - step;
            variable[k] = plus;
            double up = function();
            variable[k] = minus;
            double down = function();
            variable[k] = saved;
            double numeric = (up - down) / ((double)plus - minus);
            double allowed = absolute + relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[k]));
            Assert.True(Math.Abs(numeric - analytic[k]) <= allowed,
                $"{name}[{k}]: analytic {analytic[k]:G9}, numeric {numeric:G9}, allowed difference {allowed:G3}");
        }
    }

    /// <summary>Σ probe[i]·values[i] in double: a linear "loss" whose gradient with respect to values is the probe.</summary>
    internal static double Probe(ReadOnlySpan<float> values, ReadOnlySpan<float> probe)
    {
        double sum = 0;
        for (int i = 0; i < probe.Length; i++) sum += (double)probe[i] * values[i];
        return sum;
    }

    /// <summary>Uniform values on [−scale, scale) from <paramref name="random"/>.</summary>
    internal static float[] Uniform(Random random, int length, double scale = 1)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)((2 * random.NextDouble() - 1) * scale);
        return values;
    }
}
