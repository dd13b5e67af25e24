using Sigah.Hashing.Adversarial;
using Sigah.Hashing.AnchorGraphHashing;
using Sigah.Hashing.Linear;
using Sigah.Hashing.Spectral;
using Sigah.Hashing.Spherical;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing;

/// <summary>
/// One registered hashing method: its settings by name (<see cref="Settings"/>, which also builds its hasher) and how
/// to read its saved payload.
/// </summary>
public sealed record HasherInfo
{
    /// <summary>
    /// A method whose payload <paramref name="load"/> reads: it receives the reader positioned at the payload and the
    /// model file's header fields, and throws <see cref="InvalidDataException"/> for a payload it cannot accept, which
    /// <see cref="ModelFile"/> reports as a user error naming the file.
    /// </summary>
    internal HasherInfo(string method, string description, HasherSettings settings, Func<BinaryReader, ModelHeader, IHashModel> load)
    {
        Method = method;
        Description = description;
        Settings = settings;
        Load = load;
    }

    /// <summary>The method's registered name (<c>--method</c>).</summary>
    public string Method { get; }

    /// <summary>One line on what the method is.</summary>
    public string Description { get; }

    /// <summary>The method's settings by name, which also build its hasher.</summary>
    public HasherSettings Settings { get; }

    /// <summary>Reads the method's saved payload.</summary>
    internal Func<BinaryReader, ModelHeader, IHashModel> Load { get; }

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    /// <summary>
    /// Whether the fitted model depends on <see cref="TrainingContext.Seed"/> (random projections, initialisations,
    /// samples, mini-batches). <c>false</c> only for methods whose model is a function of the training data alone,
    /// which <c>bench --seeds</c> then trains once instead of once per seed. Defaults to <c>true</c>, the safe side.
    /// </summary>
    public bool Stochastic { get; init; } = true;

    /// <summary>
    /// Whether the method trains in steps with validation checks, so it reports them (<see cref="TrainingContext.OnCheck"/>)
    /// and saves and resumes checkpoints (<see cref="TrainingContext.CheckpointDirectory"/>): sigah and sigah-paper.
    /// </summary>
    public bool Iterative { get; init; }

    /// <summary>
    /// The method's hasher for codes of <paramref name="bits"/> bits, with <paramref name="values"/> (setting name →
    /// text, see <see cref="Settings"/>) over its defaults. The code length is checked first
    /// (<see cref="OptionOutOfRangeException"/>), then each value's text (<see cref="SettingException"/>), then the
    /// options as a whole (<see cref="OptionOutOfRangeException"/>), and last whether every name is a setting of the
    /// method (<see cref="SettingException"/>).
    /// </summary>
    public IHasher Create(int bits, IReadOnlyDictionary<string, string>? values = null)
    {
        values ??= NoValues;
        var hasher = Settings.Create(bits, values);
        var names = Settings.Names;
        foreach (string name in values.Keys)
            if (!names.Contains(name)) throw new SettingException(name, $"'{name}' is not a setting of method '{Method}'");
        return hasher;
    }
}

/// <summary>
/// Every hashing method Sigah knows, by name, with the names of its settings: the one place where a setting's name
/// (<c>--param name=value</c> on the command line) meets the property of the method's options it sets. Adding a method
/// here adds it to <c>train</c> and <c>bench</c>.
/// </summary>
public static class HasherRegistry
{
    /// <summary>All methods, in the order tables list them.</summary>
    public static IReadOnlyList<HasherInfo> All { get; } =
    [
        new("lsh", "Locality-sensitive hashing: signs of seeded Gaussian projections of centred data",
            new HasherSettings<LshOptions>(bits => new() { Bits = bits }, o => new LshHasher(o)), LinearHashModel.Load),
        new("pcah", "PCA hashing: signs of the top principal components",
            new HasherSettings<PcahOptions>(bits => new() { Bits = bits }, o => new PcahHasher(o)), LinearHashModel.Load) { Stochastic = false },
        new("itq", "Iterative quantization (Gong & Lazebnik): PCA then a learned rotation", ItqSettings(), ItqModel.Load),
        new("sh", "Spectral hashing (Weiss et al.): PCA, lowest-frequency one-dimensional eigenfunctions of a uniform box",
            new HasherSettings<SpectralOptions>(bits => new() { Bits = bits }, o => new SpectralHasher(o)), SpectralModel.Load) { Stochastic = false },
        new("sph", "Spherical hashing (Heo et al.): hyperspheres balanced by pairwise overlap forces", SphericalSettings(), SphericalModel.Load),
        new("agh", "Anchor graph hashing (Liu et al.), one layer: k-means anchors, spectral embedding of the anchor graph",
            AnchorGraphSettings(), AnchorGraphModel.Load),
        new("sgh", "Stochastic generative hashing (Dai et al.): linear sigmoid encoder and decoder, stochastic codes",
            StochasticGenerativeSettings(), StochasticGenerativeModel.Load),
        new("sigah", "SiGAH: a ReLU generator trained for geometry, with compressed-sensing synthesis and an energy-based adversary",
            SigahSettings(bits => new() { Bits = bits }, SigahHasher.MethodName), SigahModel.Load) { Iterative = true },
        new(SigahHasher.PaperMethodName, "SiGAH as the abstract describes it: a ReLU generator, compressed-sensing synthesis and an energy-based " +
            "discriminator trained adversarially, no neighbour term", SigahSettings(SigahOptions.Paper, SigahHasher.PaperMethodName), SigahModel.Load) { Iterative = true },
    ];

    /// <summary>The method called <paramref name="method"/>; an <see cref="ArgumentException"/> listing the known ones when there is none.</summary>
    public static HasherInfo Get(string method) =>
        All.FirstOrDefault(h => h.Method == method)
        ?? throw new ArgumentException($"unknown method '{method}' (known: {string.Join(", ", All.Select(h => h.Method))})", nameof(method));

    private static HasherSettings<ItqOptions> ItqSettings() =>
        new HasherSettings<ItqOptions>(bits => new() { Bits = bits }, o => new ItqHasher(o))
            .WholeNumber("iterations", nameof(ItqOptions.Iterations), (o, v) => o with { Iterations = v });

    private static HasherSettings<SphericalOptions> SphericalSettings() =>
        new HasherSettings<SphericalOptions>(bits => new() { Bits = bits }, o => new SphericalHasher(o))
            .WholeNumber("samples", nameof(SphericalOptions.Samples), (o, v) => o with { Samples = v })
            .WholeNumber("iterations", nameof(SphericalOptions.Iterations), (o, v) => o with { Iterations = v })
            .Real("epsilon-mean", nameof(SphericalOptions.EpsilonMean), (o, v) => o with { EpsilonMean = v })
            .Real("epsilon-std", nameof(SphericalOptions.EpsilonStd), (o, v) => o with { EpsilonStd = v });

    private static HasherSettings<AnchorGraphOptions> AnchorGraphSettings() =>
        new HasherSettings<AnchorGraphOptions>(bits => new() { Bits = bits }, o => new AnchorGraphHasher(o))
            .WholeNumber("anchors", nameof(AnchorGraphOptions.Anchors), (o, v) => o with { Anchors = v })
            .WholeNumber("neighbours", nameof(AnchorGraphOptions.Neighbours), (o, v) => o with { Neighbours = v })
            .WholeNumber("kmeans-iterations", nameof(AnchorGraphOptions.KMeansIterations), (o, v) => o with { KMeansIterations = v })
            .WholeNumber("kmeans-samples", nameof(AnchorGraphOptions.KMeansSamples), (o, v) => o with { KMeansSamples = v });

    private static HasherSettings<StochasticGenerativeOptions> StochasticGenerativeSettings() =>
        new HasherSettings<StochasticGenerativeOptions>(bits => new() { Bits = bits }, o => new StochasticGenerativeHasher(o))
            .WholeNumber("epochs", nameof(StochasticGenerativeOptions.Epochs), (o, v) => o with { Epochs = v })
            .WholeNumber("batch", nameof(StochasticGenerativeOptions.BatchSize), (o, v) => o with { BatchSize = v })
            .Real("learning-rate", nameof(StochasticGenerativeOptions.LearningRate), (o, v) => o with { LearningRate = v })
            .WholeNumber("decay-epochs", nameof(StochasticGenerativeOptions.DecayEpochs), (o, v) => o with { DecayEpochs = v })
            .Real("alpha", nameof(StochasticGenerativeOptions.Alpha), (o, v) => o with { Alpha = v });

    private static HasherSettings<SigahOptions> SigahSettings(Func<int, SigahOptions> defaults, string method) =>
        new HasherSettings<SigahOptions>(defaults, o => new SigahHasher(o, method))
            .WholeNumber("epochs", nameof(SigahOptions.Epochs), (o, v) => o with { Epochs = v })
            .WholeNumber("hidden", nameof(SigahOptions.Hidden), (o, v) => o with { Hidden = v })
            .WholeNumber("batch", nameof(SigahOptions.BatchSize), (o, v) => o with { BatchSize = v })
            .WholeNumber("aux-batch", nameof(SigahOptions.AuxBatchSize), (o, v) => o with { AuxBatchSize = v })
            .Real("aux-warmup", nameof(SigahOptions.AuxWarmup), (o, v) => o with { AuxWarmup = v })
            .WholeNumber("min-steps", nameof(SigahOptions.MinSteps), (o, v) => o with { MinSteps = v })
            .WholeNumber("max-steps", nameof(SigahOptions.MaxSteps), (o, v) => o with { MaxSteps = v })
            .WholeNumber("max-rows", nameof(SigahOptions.MaxRows), (o, v) => o with { MaxRows = v })
            .Real("input-spread", nameof(SigahOptions.InputSpread), (o, v) => o with { InputSpread = v })
            .Flag("standardise", nameof(SigahOptions.Standardise), (o, v) => o with { Standardise = v })
            .WholeNumber("input-dims", nameof(SigahOptions.InputComponents), (o, v) => o with { InputComponents = v })
            .Real("free-scale", nameof(SigahOptions.FreeUnitScale), (o, v) => o with { FreeUnitScale = v })
            .Real("lr", nameof(SigahOptions.LearningRate), (o, v) => o with { LearningRate = v })
            .Real("lr-decay", nameof(SigahOptions.LearningRateDecay), (o, v) => o with { LearningRateDecay = v })
            .WholeNumber("decay-patience", nameof(SigahOptions.DecayPatience), (o, v) => o with { DecayPatience = v })
            .WholeNumber("decays", nameof(SigahOptions.Decays), (o, v) => o with { Decays = v })
            .Words<bool>("schedule", nameof(SigahOptions.CosineSchedule), [("constant", false), ("cosine", true)], (o, v) => o with { CosineSchedule = v })
            .Real("lr-aux", nameof(SigahOptions.AuxLearningRate), (o, v) => o with { AuxLearningRate = v })
            .Real("neighbours", nameof(SigahOptions.NeighbourWeight), (o, v) => o with { NeighbourWeight = v })
            .WholeNumber("anchors", nameof(SigahOptions.Anchors), (o, v) => o with { Anchors = v })
            .WholeNumber("knn", nameof(SigahOptions.NearestCount), (o, v) => o with { NearestCount = v })
            .WholeNumber("depth", nameof(SigahOptions.NeighbourDepth), (o, v) => o with { NeighbourDepth = v })
            .WholeNumber("positives", nameof(SigahOptions.Positives), (o, v) => o with { Positives = v })
            .WholeNumber("hard-negatives", nameof(SigahOptions.HardNegatives), (o, v) => o with { HardNegatives = v })
            .WholeNumber("random-negatives", nameof(SigahOptions.RandomNegatives), (o, v) => o with { RandomNegatives = v })
            .Real("kappa", nameof(SigahOptions.Kappa), (o, v) => o with { Kappa = v })
            .Real("geometry", nameof(SigahOptions.GeometryWeight), (o, v) => o with { GeometryWeight = v })
            .Real("reconstruction", nameof(SigahOptions.ReconstructionWeight), (o, v) => o with { ReconstructionWeight = v })
            .Real("adversarial", nameof(SigahOptions.AdversarialWeight), (o, v) => o with { AdversarialWeight = v })
            .Real("consistency", nameof(SigahOptions.ConsistencyWeight), (o, v) => o with { ConsistencyWeight = v })
            .Real("margin", nameof(SigahOptions.MarginFactor), (o, v) => o with { MarginFactor = v })
            .WholeNumber("ista-steps", nameof(SigahOptions.IstaSteps), (o, v) => o with { IstaSteps = v })
            .WholeNumber("atoms", nameof(SigahOptions.Atoms), (o, v) => o with { Atoms = v })
            .WholeNumber("disc-hidden", nameof(SigahOptions.DiscriminatorHidden), (o, v) => o with { DiscriminatorHidden = v })
            .WholeNumber("sgh-epochs", nameof(SigahOptions.SghEpochs), (o, v) => o with { SghEpochs = v })
            .Choice<SigahStart>("start", nameof(SigahOptions.Start), (o, v) => o with { Start = v })
            .Choice<SigahDecoder>("decoder", nameof(SigahOptions.Decoder), (o, v) => o with { Decoder = v })
            .Choice<AffinityTarget>("target", nameof(SigahOptions.Target), (o, v) => o with { Target = v })
            .Real("locality", nameof(SigahOptions.Locality), (o, v) => o with { Locality = v })
            .WholeNumber("validation", nameof(SigahOptions.ValidationQueries), (o, v) => o with { ValidationQueries = v })
            .WholeNumber("validation-k", nameof(SigahOptions.ValidationK), (o, v) => o with { ValidationK = v })
            .WholeNumber("checks", nameof(SigahOptions.Checks), (o, v) => o with { Checks = v })
            .WholeNumber("patience", nameof(SigahOptions.Patience), (o, v) => o with { Patience = v });
}
