namespace Sigah.Evaluation.Bench;

/// <summary>How a bench run trains and measures.</summary>
public sealed class BenchSettings
{
    /// <summary>Code lengths to run, in table-column order.</summary>
    public IReadOnlyList<int> Bits { get; init; } = [16, 32, 64, 128];

    /// <summary>Seed of every training run (each method × bits trains with this same seed, so any subset reproduces).</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads for search and evaluation; 0 means all processors.</summary>
    public int Threads { get; init; }

    /// <summary>Cancels the run between and inside trainings.</summary>
    public CancellationToken Cancellation { get; init; }
}
