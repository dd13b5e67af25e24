using Sigah.Core;
using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>How a bench run trains and measures.</summary>
public sealed class BenchSettings
{
    /// <summary>Code lengths to run, in table-column order.</summary>
    public IReadOnlyList<int> Bits { get; init; } = [16, 32, 64, 128];

    /// <summary>
    /// Distinct seeds a stochastic method trains with, once each (every method × bits trains with the same seeds, so
    /// any subset reproduces); a method whose result does not depend on the seed trains once, with the first.
    /// </summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    /// <summary>Method-specific settings, each passed to its own method only.</summary>
    public BenchParameters Parameters { get; init; } = BenchParameters.None;

    /// <summary>Worker threads for search and evaluation; 0 means all processors.</summary>
    public int Threads { get; init; }

    /// <summary>Cancels the run between and inside trainings.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Why a method cannot run at a code length, in one line, recorded in <see cref="BenchResults.Skipped"/>: given the
    /// method and what it threw while being built or fitted, the reason, or null when the exception is no refusal (it
    /// is then thrown). By default a <see cref="UserInputException"/> or one of the hashing library's option errors
    /// (<see cref="OptionOutOfRangeException"/>, <see cref="CodeLengthException"/>) is a refusal and its message the
    /// reason; a front end may word them in its own terms instead.
    /// </summary>
    public Func<HasherInfo, Exception, string?> RefusalReason { get; init; } = (_, e) =>
        e is UserInputException or OptionOutOfRangeException or CodeLengthException ? e.Message.ReplaceLineEndings(" ") : null;
}
