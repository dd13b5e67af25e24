namespace Sigah.Evaluation.Bench;

/// <summary>Everything one <c>bench</c> invocation measured, in method-then-bits-then-seed order.</summary>
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

    /// <summary>
    /// The dense-algebra kernels the run used (<c>OpenBLAS SkylakeX</c>, <c>managed</c>): scores can differ in their last
    /// digits between kernel families, which round differently.
    /// </summary>
    public string Blas { get; init; } = "";

    /// <summary>Seeds the stochastic methods trained with, once each; the others trained once, with the first.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Method-specific settings the run was given (the rest at their defaults).</summary>
    public BenchParameters Parameters { get; init; } = BenchParameters.None;

    /// <summary>Methods in the order they ran (table rows).</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>Code lengths in the order they ran (table columns).</summary>
    public required IReadOnlyList<int> Bits { get; init; }

    /// <summary>One entry per method × bits × seed that ran.</summary>
    public required IReadOnlyList<BenchRun> Runs { get; init; }

    /// <summary>One entry per method × bits that ran: its runs over the seeds, summarised.</summary>
    public IReadOnlyList<BenchAggregate> Aggregates =>
        field ??= [.. Runs.GroupBy(r => (r.Method, r.Bits)).Select(g => new BenchAggregate([.. g]))];

    /// <summary>Method × bits combinations the method refused (for example more bits than the data has dimensions).</summary>
    public IReadOnlyList<BenchSkip> Skipped { get; init; } = [];

    /// <summary>The runs of <paramref name="method"/> at <paramref name="bits"/> summarised, or <c>null</c> when none ran.</summary>
    public BenchAggregate? Aggregate(string method, int bits) => Aggregates.FirstOrDefault(a => a.Method == method && a.Bits == bits);
}
