namespace Sigah.Hashing.Adversarial;

/// <summary>Running means of one training stretch's losses and game measurements, for progress lines and curves.</summary>
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

    /// <summary>The discriminator's mean energy E(x) on real rows (NaN without a discriminator).</summary>
    public double RealEnergy { get; private set; }

    /// <summary>The discriminator's mean energy E(x̃) on synthetic features, at its own step (NaN without a discriminator).</summary>
    public double SyntheticEnergy { get; private set; }

    /// <summary>The fraction of exact zeros in the compressed-sensing codes (NaN without them).</summary>
    public double SparseZeros { get; private set; }

    /// <summary>Adds one batch's discriminator energies and sparse-code zero fraction (NaN where absent).</summary>
    public void AddGame(double realEnergy, double syntheticEnergy, double sparseZeros)
    {
        int n = _batches + 1;
        RealEnergy += (realEnergy - RealEnergy) / n;
        SyntheticEnergy += (syntheticEnergy - SyntheticEnergy) / n;
        SparseZeros += (sparseZeros - SparseZeros) / n;
    }

    /// <summary>Adds one batch's values to the running means (after <see cref="AddGame"/> for the same batch).</summary>
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
        RealEnergy = SyntheticEnergy = SparseZeros = 0;
    }

    /// <summary>The curve columns of this stretch, by name (the column names of curves.csv).</summary>
    public IEnumerable<(string Name, double Value)> Columns()
    {
        bool any = _batches > 0;
        yield return ("neighbours", any ? Neighbours : double.NaN);
        yield return ("geometry", any ? Geometry : double.NaN);
        yield return ("reconstruction", any ? Reconstruction : double.NaN);
        yield return ("adversarial", any ? Adversarial : double.NaN);
        yield return ("consistency", any ? Consistency : double.NaN);
        yield return ("discriminator", any ? Discriminator : double.NaN);
        yield return ("energy_real", any ? RealEnergy : double.NaN);
        yield return ("energy_synthetic", any ? SyntheticEnergy : double.NaN);
        yield return ("cs_zero_fraction", any ? SparseZeros : double.NaN);
    }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant(
        $"neighbours {Neighbours:F4}  geometry {Geometry:F5}  reconstruction {Reconstruction:F4}  adversarial {Adversarial:F4}  consistency {Consistency:F4}  discriminator {Discriminator:F4}");
}
