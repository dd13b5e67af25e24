namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>Options of <see cref="AnchorGraphHasher"/>.</summary>
public sealed record AnchorGraphOptions : HasherOptions
{
    /// <summary>Anchors m, the k-means centres the graph is built on; more than <see cref="HasherOptions.Bits"/>. Default 300.</summary>
    public int Anchors { get; init; } = 300;

    /// <summary>Nearest anchors s each row is linked to, between 1 and <see cref="Anchors"/>. Default 5, the best of 2, 3 and 5 on Fashion-MNIST.</summary>
    public int Neighbours { get; init; } = 5;

    /// <summary>Iterations of k-means, at least 0. Default 10.</summary>
    public int KMeansIterations { get; init; } = 10;

    /// <summary>
    /// Training rows the anchors are clustered from (a seeded random subset when there are more), at least
    /// <see cref="Anchors"/>: it bounds the cost on large sets, while the graph always covers every row. Default 100000;
    /// on Fashion-MNIST, clustering 20000 of the 60000 rows cost about 0.01 mAP.
    /// </summary>
    public int KMeansSamples { get; init; } = 100000;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (Anchors <= Bits) throw new OptionOutOfRangeException(this, nameof(Anchors), Anchors, $"must exceed Bits ({Bits})", nameof(Bits));
        if (Neighbours < 1 || Neighbours > Anchors)
            throw new OptionOutOfRangeException(this, nameof(Neighbours), Neighbours, $"must be between 1 and Anchors ({Anchors})", nameof(Anchors));
        if (KMeansIterations < 0) throw new OptionOutOfRangeException(this, nameof(KMeansIterations), KMeansIterations, "must not be negative");
        if (KMeansSamples < Anchors)
            throw new OptionOutOfRangeException(this, nameof(KMeansSamples), KMeansSamples, $"must be at least Anchors ({Anchors})", nameof(Anchors));
    }
}
