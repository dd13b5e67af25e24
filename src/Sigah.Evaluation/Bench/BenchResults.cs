namespace Sigah.Evaluation.Bench;

/// <summary>Everything one <c>bench</c> invocation measured, in method-then-bits order.</summary>
public sealed class BenchResults
{
    /// <summary>Dataset name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Base vectors encoded and ranked.</summary>
    public required int BaseCount { get; init; }

    /// <summary>Vectors the hashers were fitted on (the base itself unless the dataset ships a training sample).</summary>
    public required int TrainingCount { get; init; }

    /// <summary>Queries evaluated.</summary>
    public required int QueryCount { get; init; }

    /// <summary>Vector dimension.</summary>
    public required int Dimension { get; init; }

    /// <summary>How the ground truth was defined, for example <c>top-100 Euclidean, first 1000 queries</c>.</summary>
    public required string GroundTruth { get; init; }

    /// <summary>Seed every run trained with.</summary>
    public required int Seed { get; init; }

    /// <summary>Methods in the order they ran (table rows).</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>Code lengths in the order they ran (table columns).</summary>
    public required IReadOnlyList<int> Bits { get; init; }

    /// <summary>One entry per method × bits.</summary>
    public required IReadOnlyList<BenchRun> Runs { get; init; }

    /// <summary>Method × bits combinations the method refused (for example more bits than the data has dimensions).</summary>
    public IReadOnlyList<BenchSkip> Skipped { get; init; } = [];

    /// <summary>The run of <paramref name="method"/> at <paramref name="bits"/>, or <c>null</c>.</summary>
    public BenchRun? Find(string method, int bits) => Runs.FirstOrDefault(r => r.Method == method && r.Bits == bits);
}
