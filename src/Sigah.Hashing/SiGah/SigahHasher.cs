using Sigah.Core.Data;

namespace Sigah.Hashing.SiGah;

/// <summary>
/// SiGAH — sparsity-induced generative adversarial hashing (after arXiv 2306.06928): a ReLU generator whose signs
/// are the code, trained so the Hamming space keeps the feature space's geometry, with a compressed-sensing
/// synthesis of features from codes, an energy-based discriminator and a reconstruction-boundary consistency term.
/// Settings: see <see cref="SigahOptions"/>; the objective and its defaults are documented in docs/sigah.md.
/// </summary>
public sealed class SigahHasher : IHasher
{
    /// <summary>Creates the hasher from <paramref name="options"/> (unknown or invalid settings are user errors).</summary>
    public SigahHasher(HasherOptions options) => Settings = SigahOptions.From(options);

    /// <summary>Creates the hasher from explicit settings.</summary>
    public SigahHasher(SigahOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The run's settings.</summary>
    public SigahOptions Settings { get; }

    /// <inheritdoc/>
    public string Method => "sigah";

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context) => new SigahTrainer(Settings, context).Train(train);
}
