namespace Sigah.Evaluation.Protocol;

/// <summary>
/// Which of a dataset's query vectors a bench evaluates: the <see cref="First"/> N (the protocol of the
/// published Fashion-MNIST reference numbers) or N drawn at <see cref="Random"/> without replacement with a seed
/// (the 500-random-query protocol that goes with the top-2 % ground truth).
/// </summary>
internal abstract record QuerySelection
{
    private QuerySelection() { }

    /// <summary>Indices of the chosen queries among <paramref name="available"/>, ascending.</summary>
    public abstract int[] Pick(int available);

    /// <summary>Human-readable selection for report headers.</summary>
    public abstract string Describe(int available);

    /// <summary>Short file-name-safe tag, part of the ground-truth cache file name.</summary>
    public abstract string Tag { get; }

    /// <summary>The first <paramref name="Count"/> queries (all of them when fewer exist).</summary>
    public sealed record First(int Count) : QuerySelection
    {
        /// <inheritdoc/>
        public override int[] Pick(int available) => [.. Enumerable.Range(0, Math.Min(Count, available))];

        /// <inheritdoc/>
        public override string Describe(int available) => Count >= available ? $"all {available} queries" : $"first {Count} of {available} queries";

        /// <inheritdoc/>
        public override string Tag => $"first{Count}";
    }

    /// <summary><paramref name="Count"/> queries drawn uniformly without replacement by a generator seeded with <paramref name="Seed"/>.</summary>
    public sealed record Random(int Count, int Seed) : QuerySelection
    {
        /// <inheritdoc/>
        public override int[] Pick(int available) => SeededSample.Distinct(available, Count, Seed);

        /// <inheritdoc/>
        public override string Describe(int available) => $"{Math.Min(Count, available)} random of {available} queries (seed {Seed})";

        /// <inheritdoc/>
        public override string Tag => $"random{Count}s{Seed}";
    }
}
