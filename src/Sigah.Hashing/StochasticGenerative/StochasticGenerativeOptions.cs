namespace Sigah.Hashing.StochasticGenerative;

/// <summary>Options of <see cref="StochasticGenerativeHasher"/>, trained by <see cref="StochasticGenerativeTrainer"/>.</summary>
public sealed record StochasticGenerativeOptions : HasherOptions
{
    /// <summary>Passes over the training rows, at least 1. Default 10: on Fashion-MNIST at 64 bits, within 0.01 mAP of 20.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per Adam step, at least 1. Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Adam's initial step size, positive. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The step size halves after every this many epochs, at least 1. Default 3.</summary>
    public int DecayEpochs { get; init; } = 3;

    /// <summary>Weight α of the encoder's log-likelihood term (see <see cref="StochasticGenerativeObjective"/>), not negative. Default 0.001.</summary>
    public double Alpha { get; init; } = 0.001;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (Epochs < 1) throw new OptionOutOfRangeException(this, nameof(Epochs), Epochs, "must be at least 1");
        if (BatchSize < 1) throw new OptionOutOfRangeException(this, nameof(BatchSize), BatchSize, "must be at least 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new OptionOutOfRangeException(this, nameof(LearningRate), LearningRate, "must be positive");
        if (DecayEpochs < 1) throw new OptionOutOfRangeException(this, nameof(DecayEpochs), DecayEpochs, "must be at least 1");
        if (!(Alpha >= 0) || !double.IsFinite(Alpha)) throw new OptionOutOfRangeException(this, nameof(Alpha), Alpha, "must not be negative");
    }
}
