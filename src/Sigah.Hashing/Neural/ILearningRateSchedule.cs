namespace Sigah.Hashing.Neural;

/// <summary>A learning rate as a function of a step counter (epochs or iterations, as the caller counts them, from 0).</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate to use at <paramref name="step"/> (≥ 0).</summary>
    float LearningRate(int step);
}
