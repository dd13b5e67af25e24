namespace Sigah.Hashing.Neural;

/// <summary>
/// Cosine annealing (Loshchilov &amp; Hutter, SGDR, without restarts): lr(s) = min + (initial − min)·(1 + cos(π·s/T))/2
/// for s ≤ T, and min after T.
/// </summary>
internal sealed class CosineSchedule
{
    /// <summary>Anneals from <paramref name="initial"/> to <paramref name="minimum"/> over <paramref name="totalSteps"/> steps.</summary>
    public CosineSchedule(float initial, int totalSteps, float minimum = 0f)
    {
        if (!(minimum >= 0f) || !float.IsFinite(minimum)) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "must be finite and non-negative");
        if (!(initial >= minimum) || !float.IsFinite(initial)) throw new ArgumentOutOfRangeException(nameof(initial), initial, "must be finite and at least the minimum");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        Initial = initial;
        TotalSteps = totalSteps;
        Minimum = minimum;
    }

    /// <summary>Rate at step 0.</summary>
    public float Initial { get; }

    /// <summary>Step T at which the minimum is reached.</summary>
    public int TotalSteps { get; }

    /// <summary>Rate at and after step T.</summary>
    public float Minimum { get; }

    /// <summary>The learning rate at <paramref name="step"/> (≥ 0).</summary>
    public float LearningRate(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        double progress = Math.Min(step, TotalSteps) / (double)TotalSteps;
        return (float)(Minimum + (Initial - Minimum) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
