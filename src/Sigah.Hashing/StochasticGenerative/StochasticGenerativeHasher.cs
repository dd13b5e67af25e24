using Sigah.Core.Data;

namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// Stochastic Generative Hashing (Dai, Guo, Kumar, He &amp; Song, ICML 2017) with the linear encoder and decoder of
/// the paper, trained by <see cref="StochasticGenerativeTrainer"/>. Options: <see cref="StochasticGenerativeOptions"/>.
/// </summary>
public sealed class StochasticGenerativeHasher : IHasher
{
    /// <summary>The registered method name.</summary>
    public const string MethodName = "sgh";

    private readonly StochasticGenerativeOptions _options;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public StochasticGenerativeHasher(StochasticGenerativeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc/>
    public string Method => MethodName;

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        return StochasticGenerativeTrainer.Train(train, _options, context).Model;
    }
}
