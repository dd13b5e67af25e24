namespace Sigah.Hashing.Adversarial;

/// <summary>Running means of one training stretch's losses, for progress lines.</summary>
internal sealed class SigahLosses
{
    private int _batches;

    /// <summary>Neighbour-ranking loss.</summary>
    public double Neighbours { get; private set; }

    /// <summary>Geometry (affinity-matching) loss.</summary>
    public double Geometry { get; private set; }

    /// <summary>Reconstruction ‖x̃ − x‖²/d.</summary>
    public double Reconstruction { get; private set; }

    /// <summary>Energy of the synthetic features E(x̃), the generator's adversarial loss.</summary>
    public double Adversarial { get; private set; }

    /// <summary>Consistency hinge mean(max(0, 1 − b ⊙ f(x̃))).</summary>
    public double Consistency { get; private set; }

    /// <summary>Discriminator loss E(x) + max(0, M − E(x̃)).</summary>
    public double Discriminator { get; private set; }

    /// <summary>Adds one batch's values to the running means.</summary>
    public void Add(double neighbours, double geometry, double reconstruction, double adversarial, double consistency, double discriminator)
    {
        _batches++;
        Neighbours += (neighbours - Neighbours) / _batches;
        Geometry += (geometry - Geometry) / _batches;
        Reconstruction += (reconstruction - Reconstruction) / _batches;
        Adversarial += (adversarial - Adversarial) / _batches;
        Consistency += (consistency - Consistency) / _batches;
        Discriminator += (discriminator - Discriminator) / _batches;
    }

    /// <summary>Starts a new stretch.</summary>
    public void Reset()
    {
        _batches = 0;
        Neighbours = Geometry = Reconstruction = Adversarial = Consistency = Discriminator = 0;
    }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant(
        $"neighbours {Neighbours:F4}  geometry {Geometry:F5}  reconstruction {Reconstruction:F4}  adversarial {Adversarial:F4}  consistency {Consistency:F4}  discriminator {Discriminator:F4}");
}
