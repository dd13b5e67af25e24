using Sigah.Core.Data;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// SiGAH — sparsity-induced generative adversarial hashing (after arXiv 2306.06928): a ReLU generator whose signs
/// are the code, trained so the Hamming space keeps the feature space's geometry, with a compressed-sensing
/// synthesis of features from codes, an energy-based discriminator and a reconstruction-boundary consistency term.
/// Options: <see cref="SigahOptions"/>; the objective and its defaults are documented in docs/sigah.md.
/// </summary>
public sealed class SigahHasher : IHasher
{
    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public SigahHasher(SigahOptions options) : this(options, MethodName) { }

    /// <summary>The hasher registered as <paramref name="method"/> (sigah, or sigah-paper with <see cref="SigahOptions.Paper"/>).</summary>
    internal SigahHasher(SigahOptions options, string method)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Method = method;
    }

    /// <summary>The registered name of SiGAH as this project trains it.</summary>
    public const string MethodName = "sigah";

    /// <summary>The registered name of the abstract's method at full strength (<see cref="SigahOptions.Paper"/>).</summary>
    public const string PaperMethodName = "sigah-paper";

    /// <summary>The run's options.</summary>
    public SigahOptions Options { get; }

    /// <inheritdoc/>
    public string Method { get; }

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context) => new SigahTrainer(Options, context, Method).Train(train);
}
