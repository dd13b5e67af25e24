using Sigah.Core.Progress;

namespace Sigah.Hashing;

/// <summary>What a training run gets besides the data: the seed, where to report progress, and a way to cancel.</summary>
public sealed class TrainingContext
{
    /// <summary>Seed of every random choice of the run (same seed, same data, same machine → same model).</summary>
    public int Seed { get; init; }

    /// <summary>Where progress and per-epoch messages go.</summary>
    public IProgressSink Progress { get; init; } = NullProgress.Instance;

    /// <summary>
    /// The score a hasher that trains iteratively early-stops on (measured on a held-out slice of its training
    /// data with that slice's exact ground truth); <c>null</c> means train for the configured epochs.
    /// </summary>
    public IRetrievalMetric? ValidationMetric { get; init; }

    /// <summary>
    /// What user errors about the training vectors call them: the input file's name when they came from one
    /// (for example <c>train.fvecs: row 17 has a non-finite value</c>).
    /// </summary>
    public string InputName { get; init; } = "training data";

    /// <summary>Cancels a long run.</summary>
    public CancellationToken Cancellation { get; init; }
}
