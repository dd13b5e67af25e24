namespace Sigah.Hashing.Spherical;

/// <summary>Options of <see cref="SphericalHasher"/>.</summary>
public sealed record SphericalOptions : HasherOptions
{
    /// <summary>Training rows the spheres are fitted on (a seeded random sample when there are more), at least 2. Default 10000.</summary>
    public int Samples { get; init; } = 10000;

    /// <summary>Most force steps, at least 0. Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Tolerance of the mean overlap's deviation from n/4, as a fraction of n/4. Default 0.1, as in the paper.</summary>
    public double EpsilonMean { get; init; } = 0.1;

    /// <summary>Tolerance of the overlaps' standard deviation, as a fraction of n/4. Default 0.15, as in the paper.</summary>
    public double EpsilonStd { get; init; } = 0.15;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (Samples < 2) throw new OptionOutOfRangeException(this, nameof(Samples), Samples, "must be at least 2");
        if (Iterations < 0) throw new OptionOutOfRangeException(this, nameof(Iterations), Iterations, "must not be negative");
        if (!(EpsilonMean >= 0)) throw new OptionOutOfRangeException(this, nameof(EpsilonMean), EpsilonMean, "must not be negative");
        if (!(EpsilonStd >= 0)) throw new OptionOutOfRangeException(this, nameof(EpsilonStd), EpsilonStd, "must not be negative");
    }
}
