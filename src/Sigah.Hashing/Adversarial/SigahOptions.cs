namespace Sigah.Hashing.Adversarial;

/// <summary>How the generator starts: reproducing ITQ's codes, PCAH's codes, or from random weights.</summary>
public enum SigahStart
{
    /// <summary>f reproduces ITQ exactly (sign of the rotated principal coordinates).</summary>
    Itq,
    /// <summary>f reproduces PCA hashing exactly (ITQ's projection without the rotation).</summary>
    Pcah,
    /// <summary>Kaiming-initialised weights.</summary>
    Random,
    /// <summary>f reproduces a Stochastic Generative Hashing model trained first (its encoder is linear).</summary>
    Sgh,
    /// <summary>Whichever of the ITQ, PCAH and SGH starts scores the highest validation mAP.</summary>
    Best,
    /// <summary>Whichever of the ITQ and PCAH starts scores the highest validation mAP; random where neither fits (bits &gt; d).</summary>
    Auto,
}

/// <summary>What maps codes back to synthetic features.</summary>
public enum SigahDecoder
{
    /// <summary>Compressed-sensing synthesis: unrolled iterative shrinkage through learned A, Ψ, λ, η.</summary>
    Ista,
    /// <summary>A plain ReLU MLP m → h → d (the ablation without compressed sensing).</summary>
    Mlp,
}

/// <summary>
/// Every setting of a SiGAH training run. Defaults were chosen on validation mAP by the experiments recorded in
/// docs/sigah.md.
/// </summary>
public sealed record SigahOptions : HasherOptions
{
    /// <summary>Nominal passes over the training rows: the run takes epochs × rows / batch steps, within the floor and ceiling. Default 4.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Fewest optimisation steps of a run, however few the rows. Default 1000.</summary>
    public int MinSteps { get; init; } = 1000;

    /// <summary>Most optimisation steps of a run, however many the rows; at least <see cref="MinSteps"/>. Default 2000.</summary>
    public int MaxSteps { get; init; } = 2000;

    /// <summary>Most training rows used (a seeded random subset beyond it, besides the validation queries). Default 100000.</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Root-mean-square per coordinate of the standardised rows the generator sees. Default 0.3.</summary>
    public double InputSpread { get; init; } = 0.3;

    /// <summary>Whether inputs are divided by the training spread (false: only centred, as before standardisation). Default true.</summary>
    public bool Standardise { get; init; } = true;

    /// <summary>
    /// Inputs the generator reads: wider standardised rows are projected on their leading max(this, 2 × bits) principal
    /// directions (stored in the model); 0 keeps every coordinate. Default 256.
    /// </summary>
    public int InputComponents { get; init; } = 256;

    /// <summary>Scale, relative to Kaiming's, of the hidden units a linear start leaves free. Default 0.1.</summary>
    public double FreeUnitScale { get; init; } = 0.1;

    /// <summary>Hidden ReLU units of the generator; at least 2 × <see cref="HasherOptions.Bits"/> for the itq, pcah, sgh and best starts. Default 1024.</summary>
    public int Hidden { get; init; } = 1024;

    /// <summary>Rows per mini-batch. Default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Rows of each mini-batch the auxiliary (synthesis, adversarial, consistency) terms act on. Default 64.</summary>
    public int AuxBatchSize { get; init; } = 64;

    /// <summary>Fraction of the run over which the auxiliary weights ramp linearly from 0 to their values. Default 0.25.</summary>
    public double AuxWarmup { get; init; } = 0.25;

    /// <summary>Adam step size of the generator. Default 10⁻³.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Factor of the generator's step size each time validation stops improving: after <see cref="DecayPatience"/> checks
    /// without a new best the generator goes back to its best check and carries on with the smaller step; in (0, 1], 1
    /// turns it off. Default 0.3.
    /// </summary>
    public double LearningRateDecay { get; init; } = 0.3;

    /// <summary>Checks without a new best before the step size decays. Default 2.</summary>
    public int DecayPatience { get; init; } = 2;

    /// <summary>Most step-size decays of a run. Default 2.</summary>
    public int Decays { get; init; } = 2;

    /// <summary>Whether the generator's step size follows a cosine decay to 0 over all epochs (and never decays on validation). Default false.</summary>
    public bool CosineSchedule { get; init; }

    /// <summary>Adam step size of the synthesis module and the discriminator. Default 10⁻³.</summary>
    public double AuxLearningRate { get; init; } = 1e-3;

    /// <summary>Weight of the neighbour-ranking term. Default 1.</summary>
    public double NeighbourWeight { get; init; } = 1;

    /// <summary>Anchors whose exact training neighbours the neighbour term uses. Default 15000.</summary>
    public int Anchors { get; init; } = 15000;

    /// <summary>Positives are drawn among each anchor's K nearest training rows. Default 100.</summary>
    public int NearestCount { get; init; } = 100;

    /// <summary>Hard negatives are drawn among ranks K + 1 … depth of each anchor's neighbours; at least <see cref="NearestCount"/>. Default 1000.</summary>
    public int NeighbourDepth { get; init; } = 1000;

    /// <summary>Positives per anchor and step. Default 20.</summary>
    public int Positives { get; init; } = 20;

    /// <summary>Hard negatives per anchor and step. Default 100.</summary>
    public int HardNegatives { get; init; } = 100;

    /// <summary>Random negatives per anchor and step; not 0 when <see cref="HardNegatives"/> is. Default 100.</summary>
    public int RandomNegatives { get; init; } = 100;

    /// <summary>
    /// Logit per bit of Hamming distance in the neighbour term for 64-bit codes; m-bit codes use
    /// <see cref="KappaFor"/> = κ·√(64/m). Default 0.4.
    /// </summary>
    public double Kappa { get; init; } = 0.4;

    /// <summary>
    /// The neighbour term's logit per bit at <paramref name="bits"/> bits: κ·√(64/bits). The spread of Hamming distances
    /// between codes of roughly independent bits grows like √m, so this keeps the softmax's sharpness relative to
    /// that spread the same at every length (a fixed 0.625 was too sharp at 64 and 128 bits; docs/sigah.md).
    /// </summary>
    public double KappaFor(int bits) => Kappa * Math.Sqrt(64.0 / bits);

    /// <summary>Weight of the geometry (affinity-matching) term. Default 0.</summary>
    public double GeometryWeight { get; init; }

    /// <summary>Weight of the reconstruction term ‖x̃ − x‖²/d. Default 0.001.</summary>
    public double ReconstructionWeight { get; init; } = 0.001;

    /// <summary>Weight of the generator's adversarial term E(x̃). Default 0.001.</summary>
    public double AdversarialWeight { get; init; } = 0.001;

    /// <summary>Weight of the reconstruction-boundary consistency hinge. Default 0.001.</summary>
    public double ConsistencyWeight { get; init; } = 0.001;

    /// <summary>Energy margin M of the discriminator, as a multiple of the data's mean ‖x‖²/d. Default 1.</summary>
    public double MarginFactor { get; init; } = 1;

    /// <summary>Unrolled shrinkage steps T. Default 3.</summary>
    public int IstaSteps { get; init; } = 3;

    /// <summary>Dictionary atoms (length of the sparse code z). Default 256.</summary>
    public int Atoms { get; init; } = 256;

    /// <summary>Hidden units of the discriminator's auto-encoder (and of the MLP decoder). Default 256.</summary>
    public int DiscriminatorHidden { get; init; } = 256;

    /// <summary>Generator start (see <see cref="SigahStart"/>). Default <see cref="SigahStart.Auto"/>.</summary>
    public SigahStart Start { get; init; } = SigahStart.Auto;

    /// <summary>Epochs of the SGH model trained for the sgh start. Default 20.</summary>
    public int SghEpochs { get; init; } = 20;

    /// <summary>Synthesis module. Default <see cref="SigahDecoder.Ista"/>.</summary>
    public SigahDecoder Decoder { get; init; } = SigahDecoder.Ista;

    /// <summary>Target of the geometry term. Default <see cref="AffinityTarget.Angular"/>.</summary>
    public AffinityTarget Target { get; init; } = AffinityTarget.Angular;

    /// <summary>Locality γ of the geometry term's pair weights, w ∝ exp(γ(S − 1)); 0 weighs all pairs alike. Default 0.</summary>
    public double Locality { get; init; }

    /// <summary>Held-out training rows used as validation queries; 0 disables validation. Default 1000.</summary>
    public int ValidationQueries { get; init; } = 1000;

    /// <summary>Neighbours per validation query in its ground truth. Default 100.</summary>
    public int ValidationK { get; init; } = 100;

    /// <summary>Validations over the run, evenly spaced; each also refreshes the code bank. Default 16.</summary>
    public int Checks { get; init; } = 16;

    /// <summary>Validations without improvement before stopping. Default 4.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Optimisation steps of a run on <paramref name="rows"/> training rows: epochs × rows / batch, within [min-steps, max-steps].</summary>
    public int StepsFor(int rows) => (int)Math.Clamp((long)Epochs * Math.Max(1, rows / Math.Min(BatchSize, rows)), MinSteps, Math.Max(MinSteps, MaxSteps));

    /// <summary>
    /// The settings of <c>sigah-paper</c>, the abstract's method at full strength: no neighbour term, and the
    /// compressed-sensing synthesis, the energy-based adversary and the consistency term at full weight on the whole
    /// batch from the first step. The ReLU generator starts from the better of ITQ's and PCAH's codes (chosen on
    /// validation: from random weights the game never beat its own start on Fashion-MNIST, docs/sigah.md); the rest
    /// are <c>sigah</c>'s defaults.
    /// </summary>
    public static SigahOptions Paper(int bits) => new()
    {
        Bits = bits,
        Start = SigahStart.Auto,
        NeighbourWeight = 0,
        ReconstructionWeight = 1,
        AdversarialWeight = 1,
        ConsistencyWeight = 1,
        AuxBatchSize = 256,
        AuxWarmup = 0,
    };

    /// <summary>True when any auxiliary (synthesis, adversarial, consistency) term is on.</summary>
    public bool UsesSynthesis => ReconstructionWeight > 0 || AdversarialWeight > 0 || ConsistencyWeight > 0;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Positive(Epochs, nameof(Epochs));
        Positive(Hidden, nameof(Hidden));
        Positive(BatchSize, nameof(BatchSize));
        Positive(AuxBatchSize, nameof(AuxBatchSize));
        NotNegative(AuxWarmup, nameof(AuxWarmup));
        Positive(MinSteps, nameof(MinSteps));
        Positive(MaxSteps, nameof(MaxSteps));
        Positive(MaxRows, nameof(MaxRows));
        Positive(InputSpread, nameof(InputSpread));
        NotNegative(InputComponents, nameof(InputComponents));
        NotNegative(FreeUnitScale, nameof(FreeUnitScale));
        Positive(LearningRate, nameof(LearningRate));
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
            throw new OptionOutOfRangeException(this, nameof(LearningRateDecay), LearningRateDecay, "must be in (0, 1]");
        Positive(DecayPatience, nameof(DecayPatience));
        NotNegative(Decays, nameof(Decays));
        Positive(AuxLearningRate, nameof(AuxLearningRate));
        NotNegative(NeighbourWeight, nameof(NeighbourWeight));
        Positive(Anchors, nameof(Anchors));
        Positive(NearestCount, nameof(NearestCount));
        Positive(NeighbourDepth, nameof(NeighbourDepth));
        Positive(Positives, nameof(Positives));
        NotNegative(HardNegatives, nameof(HardNegatives));
        NotNegative(RandomNegatives, nameof(RandomNegatives));
        Positive(Kappa, nameof(Kappa));
        NotNegative(GeometryWeight, nameof(GeometryWeight));
        NotNegative(ReconstructionWeight, nameof(ReconstructionWeight));
        NotNegative(AdversarialWeight, nameof(AdversarialWeight));
        NotNegative(ConsistencyWeight, nameof(ConsistencyWeight));
        NotNegative(MarginFactor, nameof(MarginFactor));
        Positive(IstaSteps, nameof(IstaSteps));
        Positive(Atoms, nameof(Atoms));
        Positive(DiscriminatorHidden, nameof(DiscriminatorHidden));
        Positive(SghEpochs, nameof(SghEpochs));
        Defined(Start, nameof(Start));
        Defined(Decoder, nameof(Decoder));
        Defined(Target, nameof(Target));
        NotNegative(Locality, nameof(Locality));
        NotNegative(ValidationQueries, nameof(ValidationQueries));
        Positive(ValidationK, nameof(ValidationK));
        Positive(Checks, nameof(Checks));
        Positive(Patience, nameof(Patience));
        if (HardNegatives + RandomNegatives == 0)
            throw new OptionOutOfRangeException(this, nameof(RandomNegatives), RandomNegatives, "must not be 0 when HardNegatives is 0", nameof(HardNegatives));
        if (MaxSteps < MinSteps)
            throw new OptionOutOfRangeException(this, nameof(MaxSteps), MaxSteps, $"must be at least MinSteps ({MinSteps})", nameof(MinSteps));
        if (NeighbourDepth < NearestCount)
            throw new OptionOutOfRangeException(this, nameof(NeighbourDepth), NeighbourDepth, $"must be at least NearestCount ({NearestCount})", nameof(NearestCount));
        // A linear start copies each of its m projections onto a pair of hidden units (ReLU(v) − ReLU(−v) = v).
        if (Start is (SigahStart.Itq or SigahStart.Pcah or SigahStart.Sgh or SigahStart.Best) && Hidden < 2 * Bits)
            throw new OptionOutOfRangeException(this, nameof(Hidden), Hidden, $"must be at least 2 × Bits ({2 * Bits}) to start from {Start}", nameof(Bits), nameof(Start));
    }

    private void Positive(int value, string property)
    {
        if (value <= 0) throw new OptionOutOfRangeException(this, property, value, "must be positive");
    }

    private void Positive(double value, string property)
    {
        if (!(value > 0 && double.IsFinite(value))) throw new OptionOutOfRangeException(this, property, value, "must be positive");
    }

    private void NotNegative(int value, string property)
    {
        if (value < 0) throw new OptionOutOfRangeException(this, property, value, "must not be negative");
    }

    private void NotNegative(double value, string property)
    {
        if (!(value >= 0 && double.IsFinite(value))) throw new OptionOutOfRangeException(this, property, value, "must not be negative");
    }

    private void Defined<TEnum>(TEnum value, string property) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) throw new OptionOutOfRangeException(this, property, value, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }
}
