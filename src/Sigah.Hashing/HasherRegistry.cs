using Sigah.Core;
using Sigah.Hashing.AnchorGraphHashing;
using Sigah.Hashing.Spectral;
using Sigah.Hashing.Spherical;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing;

/// <summary>
/// One registered hashing method: how to build it from options and how to read its saved payload.
/// <paramref name="Load"/> receives the reader positioned at the payload and the model file's header fields; it
/// throws <see cref="InvalidDataException"/> for a payload it cannot accept, which <see cref="ModelFile"/> reports as
/// a user error naming the file.
/// </summary>
public sealed record HasherInfo(
    string Method,
    string Description,
    Func<HasherOptions, IHasher> Create,
    Func<BinaryReader, ModelHeader, IHashModel> Load)
{
    /// <summary>
    /// Whether the fitted model depends on <see cref="TrainingContext.Seed"/> (random projections, initialisations,
    /// samples, mini-batches). <c>false</c> only for methods whose model is a function of the training data alone,
    /// which <c>bench --seeds</c> then trains once instead of once per seed. Defaults to <c>true</c>, the safe side.
    /// </summary>
    public bool Stochastic { get; init; } = true;
}

/// <summary>Every hashing method Sigah knows, by name. Adding one here adds it to <c>train</c> and <c>bench</c>.</summary>
public static class HasherRegistry
{
    /// <summary>All methods, in the order tables list them.</summary>
    public static IReadOnlyList<HasherInfo> All { get; } =
    [
        new("lsh", "Locality-sensitive hashing: signs of seeded Gaussian projections of centred data", o => new LshHasher(o), LinearHashModel.Load),
        new("pcah", "PCA hashing: signs of the top principal components", o => new PcahHasher(o), LinearHashModel.Load) { Stochastic = false },
        new("itq", "Iterative quantization (Gong & Lazebnik): PCA then a learned rotation", o => new ItqHasher(o), ItqModel.Load),
        new("sh", "Spectral hashing (Weiss et al.): PCA, lowest-frequency one-dimensional eigenfunctions of a uniform box", o => new SpectralHasher(o), SpectralModel.Load) { Stochastic = false },
        new("sph", "Spherical hashing (Heo et al.): hyperspheres balanced by pairwise overlap forces", o => new SphericalHasher(o), SphericalModel.Load),
        new("agh", "Anchor graph hashing (Liu et al.), one layer: k-means anchors, spectral embedding of the anchor graph", o => new AnchorGraphHasher(o), AnchorGraphModel.Load),
        new("sgh", "Stochastic generative hashing (Dai et al.): linear sigmoid encoder and decoder, stochastic codes", o => new StochasticGenerativeHasher(o), StochasticGenerativeModel.Load),
        new("sigah", "SiGAH: a ReLU generator trained for geometry, with compressed-sensing synthesis and an energy-based adversary", o => new SiGah.SigahHasher(o), SiGah.SigahModel.Load),
    ];

    /// <summary>The method called <paramref name="method"/>, or a user error listing the known ones.</summary>
    public static HasherInfo Get(string method) =>
        All.FirstOrDefault(h => h.Method == method)
        ?? throw new UserInputException($"--method: unknown method '{method}' (known: {string.Join(", ", All.Select(h => h.Method))})");
}
