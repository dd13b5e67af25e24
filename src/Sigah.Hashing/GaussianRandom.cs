namespace Sigah.Hashing;

/// <summary>Standard normal samples drawn from a seeded <see cref="Random"/> (Box–Muller), so runs are reproducible.</summary>
public static class GaussianRandom
{
    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) samples from <paramref name="random"/>.</summary>
    public static void Fill(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i += 2)
        {
            // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            double angle = 2.0 * Math.PI * random.NextDouble();
            destination[i] = radius * Math.Cos(angle);
            if (i + 1 < destination.Length) destination[i + 1] = radius * Math.Sin(angle);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) samples from <paramref name="random"/>.</summary>
    public static void Fill(Random random, Span<float> destination)
    {
        var samples = new double[destination.Length];
        Fill(random, samples);
        for (int i = 0; i < samples.Length; i++) destination[i] = (float)samples[i];
    }
}
