using Sigah.Core.Data;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The SGH start: Stochastic Generative Hashing's encoder is linear, bit j = sign((W·(x − μ)/s + c)ⱼ), so the
/// generator can start as an exact copy of a trained SGH model, the same way it copies ITQ (see
/// <see cref="GeneratorNetwork.CreateFromLinear"/>). SGH learns its projection from a generative objective rather
/// than from the principal directions, which makes it a stronger starting point than ITQ at every code length.
/// </summary>
internal static class StochasticGenerativeStart
{
    /// <summary>Trains SGH for <paramref name="epochs"/> epochs on <paramref name="rows"/> and returns its linear map.</summary>
    public static LinearStart Fit(FloatMatrix rows, int bits, int epochs, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        // The SGH hasher's defaults, but for a step size that halves only every 5 epochs.
        var options = new StochasticGenerativeOptions { Bits = bits, Epochs = epochs, DecayEpochs = 5 };
        return FromModel(StochasticGenerativeTrainer.Train(rows, options, context).Model);
    }

    /// <summary>
    /// The linear map of <paramref name="model"/> on inputs centred by its mean: projection P (d × m row-major,
    /// Pᵢⱼ = Wⱼᵢ / s) and offsets c (m values), so its logits are (x − μ)·P + c.
    /// </summary>
    public static LinearStart FromModel(StochasticGenerativeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int d = model.Dimension, m = model.Bits;
        var weight = model.Encoder.Weight.Value;
        float inverseScale = 1f / model.Scale;
        var projection = new float[d * m];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < d; i++) projection[i * m + j] = weight[j * d + i] * inverseScale;
        return new LinearStart(model.Mean.ToArray(), projection, (float[])model.Encoder.Bias.Value.Clone());
    }
}
