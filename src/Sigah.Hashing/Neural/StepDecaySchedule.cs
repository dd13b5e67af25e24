namespace Sigah.Hashing.Neural;

/// <summary>Step decay: lr(s) = initial · gamma^⌊s / interval⌋ (PyTorch's <c>StepLR</c>).</summary>
internal sealed class StepDecaySchedule
{
    /// <summary>Multiplies <paramref name="initial"/> by <paramref name="gamma"/> every <paramref name="interval"/> steps.</summary>
    public StepDecaySchedule(float initial, int interval, float gamma)
    {
        if (!(initial >= 0f) || !float.IsFinite(initial)) throw new ArgumentOutOfRangeException(nameof(initial), initial, "must be finite and non-negative");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        if (!(gamma > 0f && gamma <= 1f)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "must be in (0, 1]");
        Initial = initial;
        Interval = interval;
        Gamma = gamma;
    }

    /// <summary>Rate at step 0.</summary>
    public float Initial { get; }

    /// <summary>Steps between decays.</summary>
    public int Interval { get; }

    /// <summary>Factor applied at each decay.</summary>
    public float Gamma { get; }

    /// <summary>The learning rate at <paramref name="step"/> (≥ 0).</summary>
    public float LearningRate(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return (float)(Initial * Math.Pow(Gamma, step / Interval));
    }
}
