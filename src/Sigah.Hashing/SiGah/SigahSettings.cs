using Sigah.Core;

namespace Sigah.Hashing.SiGah;

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
/// Every setting of a SiGAH training run, read from <c>--param name=value</c> (names in brackets). Defaults were
/// chosen by the Fashion-MNIST experiments recorded in docs/sigah.md.
/// </summary>
public sealed record SigahSettings
{
    /// <summary>Code length m.</summary>
    public required int Bits { get; init; }

    /// <summary>Nominal passes over the training rows: the run takes epochs × rows / batch steps, within the floor and ceiling [epochs].</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Fewest optimisation steps of a run, however few the rows [min-steps].</summary>
    public int MinSteps { get; init; } = 1000;

    /// <summary>Most optimisation steps of a run, however many the rows [max-steps].</summary>
    public int MaxSteps { get; init; } = 2000;

    /// <summary>Most training rows used (a seeded random subset beyond it, besides the validation queries) [max-rows].</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Root-mean-square per coordinate of the standardised rows the generator sees [input-spread].</summary>
    public double InputSpread { get; init; } = 0.3;

    /// <summary>Whether inputs are divided by the training spread (false: only centred, as before standardisation) [standardise=1|0].</summary>
    public bool Standardise { get; init; } = true;

    /// <summary>
    /// Inputs the generator reads: wider standardised rows are projected on their leading max(this, 2 × bits) principal
    /// directions (stored in the model); 0 keeps every coordinate [input-dims].
    /// </summary>
    public int InputComponents { get; init; } = 256;

    /// <summary>Scale, relative to Kaiming's, of the hidden units a linear start leaves free [free-scale].</summary>
    public double FreeUnitScale { get; init; } = 0.1;

    /// <summary>Hidden ReLU units of the generator [hidden].</summary>
    public int Hidden { get; init; } = 1024;

    /// <summary>Rows per mini-batch [batch].</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Rows of each mini-batch the auxiliary (synthesis, adversarial, consistency) terms act on [aux-batch].</summary>
    public int AuxBatchSize { get; init; } = 64;

    /// <summary>Fraction of the run over which the auxiliary weights ramp linearly from 0 to their values [aux-warmup].</summary>
    public double AuxWarmup { get; init; } = 0.25;

    /// <summary>Adam step size of the generator [lr].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Factor of the generator's step size each time validation stops improving: after <see cref="DecayPatience"/> checks
    /// without a new best the generator goes back to its best check and carries on with the smaller step [lr-decay; 1
    /// turns it off].
    /// </summary>
    public double LearningRateDecay { get; init; } = 0.3;

    /// <summary>Checks without a new best before the step size decays [decay-patience].</summary>
    public int DecayPatience { get; init; } = 2;

    /// <summary>Most step-size decays of a run [decays].</summary>
    public int Decays { get; init; } = 2;

    /// <summary>Whether the generator's step size follows a cosine decay to 0 over all epochs [schedule=cosine|constant].</summary>
    public bool CosineSchedule { get; init; }

    /// <summary>Adam step size of the synthesis module and the discriminator [lr-aux].</summary>
    public double AuxLearningRate { get; init; } = 1e-3;

    /// <summary>Weight of the neighbour-ranking term [neighbours].</summary>
    public double NeighbourWeight { get; init; } = 1;

    /// <summary>Anchors whose exact training neighbours the neighbour term uses [anchors].</summary>
    public int Anchors { get; init; } = 15000;

    /// <summary>Positives are drawn among each anchor's K nearest training rows [knn].</summary>
    public int NearestCount { get; init; } = 100;

    /// <summary>Hard negatives are drawn among ranks K + 1 … depth of each anchor's neighbours [depth].</summary>
    public int NeighbourDepth { get; init; } = 1000;

    /// <summary>Positives per anchor and step [positives].</summary>
    public int Positives { get; init; } = 20;

    /// <summary>Hard negatives per anchor and step [hard-negatives].</summary>
    public int HardNegatives { get; init; } = 100;

    /// <summary>Random negatives per anchor and step [random-negatives].</summary>
    public int RandomNegatives { get; init; } = 100;

    /// <summary>
    /// Logit per bit of Hamming distance in the neighbour term for 64-bit codes; m-bit codes use
    /// <see cref="KappaFor"/> = κ·√(64/m) [kappa].
    /// </summary>
    public double Kappa { get; init; } = 0.4;

    /// <summary>
    /// The neighbour term's logit per bit at <paramref name="bits"/> bits: κ·√(64/bits). The spread of Hamming distances
    /// between codes of roughly independent bits grows like √m, so this keeps the softmax's sharpness relative to
    /// that spread the same at every length (a fixed 0.625 was too sharp at 64 and 128 bits; docs/sigah.md).
    /// </summary>
    public double KappaFor(int bits) => Kappa * Math.Sqrt(64.0 / bits);

    /// <summary>Weight of the geometry (affinity-matching) term [geometry].</summary>
    public double GeometryWeight { get; init; }

    /// <summary>Weight of the reconstruction term ‖x̃ − x‖²/d [reconstruction].</summary>
    public double ReconstructionWeight { get; init; } = 0.001;

    /// <summary>Weight of the generator's adversarial term E(x̃) [adversarial].</summary>
    public double AdversarialWeight { get; init; } = 0.001;

    /// <summary>Weight of the reconstruction-boundary consistency hinge [consistency].</summary>
    public double ConsistencyWeight { get; init; } = 0.001;

    /// <summary>Energy margin M of the discriminator, as a multiple of the data's mean ‖x‖²/d [margin].</summary>
    public double MarginFactor { get; init; } = 1;

    /// <summary>Unrolled shrinkage steps T [ista-steps].</summary>
    public int IstaSteps { get; init; } = 3;

    /// <summary>Dictionary atoms (length of the sparse code z) [atoms].</summary>
    public int Atoms { get; init; } = 256;

    /// <summary>Hidden units of the discriminator's auto-encoder (and of the MLP decoder) [disc-hidden].</summary>
    public int DiscriminatorHidden { get; init; } = 256;

    /// <summary>
    /// Generator start [start]: auto (default: itq or pcah, whichever scores higher on validation; random where
    /// bits &gt; d), random, itq, pcah, sgh, or best (whichever of itq, pcah and sgh scores highest on validation).
    /// </summary>
    public SigahStart Start { get; init; } = SigahStart.Auto;

    /// <summary>Epochs of the SGH model trained for the sgh start [sgh-epochs].</summary>
    public int SghEpochs { get; init; } = 20;

    /// <summary>Synthesis module [decoder]: ista or mlp.</summary>
    public SigahDecoder Decoder { get; init; } = SigahDecoder.Ista;

    /// <summary>Target of the geometry term [target]: cosine of centred features, or angular (1 − 2θ/π).</summary>
    public AffinityTarget Target { get; init; } = AffinityTarget.Angular;

    /// <summary>Locality γ of the geometry term's pair weights, w ∝ exp(γ(S − 1)); 0 weighs all pairs alike [locality].</summary>
    public double Locality { get; init; }

    /// <summary>Held-out training rows used as validation queries [validation]; 0 disables validation.</summary>
    public int ValidationQueries { get; init; } = 1000;

    /// <summary>Neighbours per validation query in its ground truth [validation-k].</summary>
    public int ValidationK { get; init; } = 100;

    /// <summary>Validations over the run, evenly spaced; each also refreshes the code bank [checks].</summary>
    public int Checks { get; init; } = 16;

    /// <summary>Validations without improvement before stopping [patience].</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Optimisation steps of a run on <paramref name="rows"/> training rows: epochs × rows / batch, within [min-steps, max-steps].</summary>
    public int StepsFor(int rows) => (int)Math.Clamp((long)Epochs * Math.Max(1, rows / Math.Min(BatchSize, rows)), MinSteps, Math.Max(MinSteps, MaxSteps));

    /// <summary>True when any auxiliary (synthesis, adversarial, consistency) term is on.</summary>
    public bool UsesSynthesis => ReconstructionWeight > 0 || AdversarialWeight > 0 || ConsistencyWeight > 0;

    /// <summary>Reads the settings from <paramref name="options"/>; out-of-range values are one-line user errors.</summary>
    public static SigahSettings From(HasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s = new SigahSettings
        {
            Bits = options.Bits,
            Epochs = Positive(options.GetInt("epochs", 4), "epochs"),
            Hidden = Positive(options.GetInt("hidden", 1024), "hidden"),
            BatchSize = Positive(options.GetInt("batch", 256), "batch"),
            AuxBatchSize = Positive(options.GetInt("aux-batch", 64), "aux-batch"),
            AuxWarmup = NonNegative(options.GetDouble("aux-warmup", 0.25), "aux-warmup"),
            MinSteps = Positive(options.GetInt("min-steps", 1000), "min-steps"),
            MaxSteps = Positive(options.GetInt("max-steps", 2000), "max-steps"),
            MaxRows = Positive(options.GetInt("max-rows", 100_000), "max-rows"),
            InputSpread = PositiveReal(options.GetDouble("input-spread", 0.3), "input-spread"),
            Standardise = Flag(options.GetInt("standardise", 1), "standardise"),
            InputComponents = NonNegativeInt(options.GetInt("input-dims", 256), "input-dims"),
            FreeUnitScale = NonNegative(options.GetDouble("free-scale", 0.1), "free-scale"),
            LearningRate = PositiveReal(options.GetDouble("lr", 1e-3), "lr"),
            LearningRateDecay = Fraction(options.GetDouble("lr-decay", 0.3), "lr-decay"),
            DecayPatience = Positive(options.GetInt("decay-patience", 2), "decay-patience"),
            Decays = NonNegativeInt(options.GetInt("decays", 2), "decays"),
            CosineSchedule = ParseSchedule(options.GetString("schedule", "constant")),
            AuxLearningRate = PositiveReal(options.GetDouble("lr-aux", 1e-3), "lr-aux"),
            NeighbourWeight = NonNegative(options.GetDouble("neighbours", 1), "neighbours"),
            Anchors = Positive(options.GetInt("anchors", 15000), "anchors"),
            NearestCount = Positive(options.GetInt("knn", 100), "knn"),
            NeighbourDepth = Positive(options.GetInt("depth", 1000), "depth"),
            Positives = Positive(options.GetInt("positives", 20), "positives"),
            HardNegatives = NonNegativeInt(options.GetInt("hard-negatives", 100), "hard-negatives"),
            RandomNegatives = NonNegativeInt(options.GetInt("random-negatives", 100), "random-negatives"),
            Kappa = PositiveReal(options.GetDouble("kappa", 0.4), "kappa"),
            GeometryWeight = NonNegative(options.GetDouble("geometry", 0), "geometry"),
            ReconstructionWeight = NonNegative(options.GetDouble("reconstruction", 0.001), "reconstruction"),
            AdversarialWeight = NonNegative(options.GetDouble("adversarial", 0.001), "adversarial"),
            ConsistencyWeight = NonNegative(options.GetDouble("consistency", 0.001), "consistency"),
            MarginFactor = NonNegative(options.GetDouble("margin", 1), "margin"),
            IstaSteps = Positive(options.GetInt("ista-steps", 3), "ista-steps"),
            Atoms = Positive(options.GetInt("atoms", 256), "atoms"),
            DiscriminatorHidden = Positive(options.GetInt("disc-hidden", 256), "disc-hidden"),
            SghEpochs = Positive(options.GetInt("sgh-epochs", 20), "sgh-epochs"),
            Start = ParseEnum<SigahStart>(options.GetString("start", "auto"), "start"),
            Decoder = ParseEnum<SigahDecoder>(options.GetString("decoder", "ista"), "decoder"),
            Target = ParseEnum<AffinityTarget>(options.GetString("target", "angular"), "target"),
            Locality = NonNegative(options.GetDouble("locality", 0), "locality"),
            ValidationQueries = NonNegativeInt(options.GetInt("validation", 1000), "validation"),
            ValidationK = Positive(options.GetInt("validation-k", 100), "validation-k"),
            Checks = Positive(options.GetInt("checks", 16), "checks"),
            Patience = Positive(options.GetInt("patience", 4), "patience"),
        };
        options.EnsureAllUsed("sigah");
        if (s.HardNegatives + s.RandomNegatives == 0)
            throw new UserInputException("--param: hard-negatives and random-negatives cannot both be 0");
        if (s.MaxSteps < s.MinSteps)
            throw new UserInputException($"--param: max-steps={s.MaxSteps} must be at least min-steps={s.MinSteps}");
        if (s.NeighbourDepth < s.NearestCount)
            throw new UserInputException($"--param: depth={s.NeighbourDepth} must be at least knn={s.NearestCount}");
        return s;
    }

    private static bool ParseSchedule(string text) => text switch
    {
        "cosine" => true,
        "constant" => false,
        _ => throw new UserInputException($"--param: 'schedule={text}' is not one of constant, cosine"),
    };

    private static T ParseEnum<T>(string text, string name) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new UserInputException($"--param: '{name}={text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    private static double Fraction(double value, string name) =>
        value > 0 && value <= 1 ? value : throw new UserInputException($"--param: {name}={value} must be in (0, 1]");

    private static bool Flag(int value, string name) => value switch
    {
        1 => true,
        0 => false,
        _ => throw new UserInputException($"--param: {name}={value} must be 0 or 1"),
    };

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new UserInputException($"--param: {name}={value} must be positive");

    private static int NonNegativeInt(int value, string name) =>
        value >= 0 ? value : throw new UserInputException($"--param: {name}={value} must not be negative");

    private static double PositiveReal(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new UserInputException($"--param: {name}={value} must be positive");

    private static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new UserInputException($"--param: {name}={value} must not be negative");
}
