using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// Stochastic Generative Hashing (Dai, Guo, Kumar, He &amp; Song, ICML 2017) with the linear encoder and decoder of
/// the paper, trained by <see cref="StochasticGenerativeTrainer"/>. Settings: <c>epochs</c> (default 10),
/// <c>batch</c> (default 500), <c>learning-rate</c> (default 0.01), <c>decay-epochs</c> (the rate halves after every
/// this many epochs, default 3), <c>alpha</c> (weight of the encoder term, default 0.001). On Fashion-MNIST at 64
/// bits, 10 epochs reach within 0.01 mAP of 20.
/// </summary>
public sealed class StochasticGenerativeHasher : IHasher
{
    /// <summary>The registered method name.</summary>
    public const string MethodName = "sgh";

    private readonly StochasticGenerativeSettings _settings;

    /// <summary>Reads the settings from <paramref name="options"/>.</summary>
    public StochasticGenerativeHasher(HasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int epochs = options.GetInt("epochs", 10);
        int batch = options.GetInt("batch", 500);
        double learningRate = options.GetDouble("learning-rate", 0.01);
        int decayEpochs = options.GetInt("decay-epochs", 3);
        double alpha = options.GetDouble("alpha", 0.001);
        if (epochs < 1) throw Invalid("epochs", epochs, "must be at least 1");
        if (batch < 1) throw Invalid("batch", batch, "must be at least 1");
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw Invalid("learning-rate", learningRate, "must be positive");
        if (decayEpochs < 1) throw Invalid("decay-epochs", decayEpochs, "must be at least 1");
        if (!(alpha >= 0) || !double.IsFinite(alpha)) throw Invalid("alpha", alpha, "must not be negative");
        _settings = new StochasticGenerativeSettings(options.Bits, epochs, batch, (float)learningRate, decayEpochs, (float)alpha);
    }

    /// <inheritdoc/>
    public string Method => MethodName;

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        return StochasticGenerativeTrainer.Train(train, _settings, context).Model;
    }

    private static UserInputException Invalid(string name, double value, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"--param: {name}={value} {problem}"));
}
