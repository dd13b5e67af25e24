namespace Sigah.Hashing.Neural;

/// <summary>Seeded weight initialisation (every draw comes from the caller's <see cref="Random"/>, so a seed fixes the network).</summary>
internal static class Initialisation
{
    /// <summary>
    /// Fills <paramref name="weights"/> (a fanOut × fanIn matrix, any length) by <paramref name="scheme"/>,
    /// drawing from <paramref name="random"/> in index order.
    /// </summary>
    public static void Fill(Span<float> weights, int fanIn, int fanOut, WeightInit scheme, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        ArgumentNullException.ThrowIfNull(random);
        switch (scheme)
        {
            case WeightInit.KaimingNormal:
                FillNormal(weights, Math.Sqrt(2.0 / fanIn), random);
                break;
            case WeightInit.XavierUniform:
                double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < weights.Length; i++) weights[i] = (float)((2 * random.NextDouble() - 1) * limit);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown initialisation scheme");
        }
    }

    /// <summary>Fills <paramref name="values"/> with independent N(0, σ²) draws (Box–Muller, both outputs used).</summary>
    public static void FillNormal(Span<float> values, double sigma, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sigma);
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double radius = sigma * Math.Sqrt(-2.0 * Math.Log(u1)), angle = 2 * Math.PI * u2;
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length) values[i + 1] = (float)(radius * Math.Sin(angle));
        }
    }
}
