using Sigah.Core.Progress;

namespace Sigah.Hashing;

/// <summary>
/// What a training run gets besides the data: the seed, where to report progress, the validation score and a way to
/// cancel. The defaults (seed 0, validation on mAP) are what <c>sigah train</c> uses, so a fit from code with the same
/// seed gives the model the command line gives.
/// </summary>
public sealed class TrainingContext
{
    /// <summary>Seed of every random choice of the run (same seed, same data, same machine → same model).</summary>
    public int Seed { get; init; }

    /// <summary>Where progress and per-epoch messages go.</summary>
    public IProgressSink Progress { get; init; } = NullProgress.Instance;

    /// <summary>
    /// The score a hasher that trains iteratively early-stops on (measured on a held-out slice of its training
    /// data with that slice's exact ground truth). By default mAP over the full Hamming ranking
    /// (<see cref="MeanAveragePrecisionMetric"/>), as <c>sigah train</c> and <c>sigah bench</c> use; <c>null</c> means
    /// train for the configured epochs without validating.
    /// </summary>
    public IRetrievalMetric? ValidationMetric { get; init; } = new MeanAveragePrecisionMetric();

    /// <summary>
    /// What user errors about the training vectors call them: the input file's name when they came from one
    /// (for example <c>train.fvecs: row 17 has a non-finite value</c>).
    /// </summary>
    public string InputName { get; init; } = "training data";

    /// <summary>Receives every validation check of an iterative trainer (SiGAH), in order; null for none.</summary>
    public Action<TrainingCheck>? OnCheck { get; init; }

    /// <summary>
    /// Where an iterative trainer (SiGAH) saves its whole state at every validation check (<c>sigah.checkpoint</c>,
    /// written atomically); null for none.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// Continue from the checkpoint in <see cref="CheckpointDirectory"/>: the run is set up again from the same data,
    /// settings and seed, then restored, and ends with the model an uninterrupted run gives.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>Cancels a long run.</summary>
    public CancellationToken Cancellation { get; init; }
}
