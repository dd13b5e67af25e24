namespace Sigah.Hashing.Linear;

/// <summary>Options of <see cref="ItqHasher"/>.</summary>
public sealed record ItqOptions : HasherOptions
{
    /// <summary>Alternations of the rotation and the codes, at least 0. Default 50, as in the paper and its reference code.</summary>
    public int Iterations { get; init; } = 50;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (Iterations < 0) throw new OptionOutOfRangeException(this, nameof(Iterations), Iterations, "must be at least 0");
    }
}
