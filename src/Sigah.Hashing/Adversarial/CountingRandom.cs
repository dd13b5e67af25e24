namespace Sigah.Hashing.Adversarial;

/// <summary>
/// <see cref="Random"/> with a seed, counting the samples drawn so a resumed run can skip to the same point of the
/// stream. A subclass's <c>Next(n)</c>, <c>Next(a, b)</c> (ranges below 2³¹) and <c>NextDouble</c> each draw one
/// sample through <see cref="Sample"/> with the seeded generator's arithmetic, so the values equal those of
/// <c>new Random(seed)</c>; the trainer uses no other draws.
/// </summary>
internal sealed class CountingRandom(int seed) : Random(seed)
{
    /// <summary>Samples drawn so far.</summary>
    public long Samples { get; private set; }

    /// <summary>Draws and discards samples until <see cref="Samples"/> is <paramref name="total"/> (never backwards).</summary>
    public void SkipTo(long total)
    {
        if (total < Samples) throw new InvalidOperationException($"cannot go back from sample {Samples} to {total}");
        while (Samples < total) Sample();
    }

    /// <inheritdoc/>
    protected override double Sample()
    {
        Samples++;
        return base.Sample();
    }
}
