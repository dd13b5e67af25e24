namespace Sigah.Hashing.StochasticGenerative;

/// <summary>Training settings of Stochastic Generative Hashing.</summary>
/// <param name="Bits">Code length (encoder outputs).</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="BatchSize">Rows per Adam step.</param>
/// <param name="LearningRate">Adam's initial step size.</param>
/// <param name="DecayEpochs">The step size halves after every this many epochs.</param>
/// <param name="Alpha">Weight α of the encoder's log-likelihood term (see <see cref="StochasticGenerativeObjective"/>).</param>
public sealed record StochasticGenerativeSettings(int Bits, int Epochs, int BatchSize, float LearningRate, int DecayEpochs, float Alpha);
