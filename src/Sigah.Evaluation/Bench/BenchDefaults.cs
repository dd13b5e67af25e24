namespace Sigah.Evaluation.Bench;

/// <summary>
/// The protocol <c>sigah bench</c> follows unless told otherwise: the one of the published Fashion-MNIST
/// reference numbers (first 1000 test vectors as queries, top-100 Euclidean ground truth, 16–128 bits),
/// and a quick variant with fewer code lengths, queries and training vectors for a first look.
/// </summary>
internal static class BenchDefaults
{
    /// <summary>Dataset benchmarked when none is named.</summary>
    public const string Dataset = "fashion-mnist";

    /// <summary>Code lengths of a full run.</summary>
    public static IReadOnlyList<int> Bits { get; } = [16, 32, 64, 128];

    /// <summary>Queries of a full run (the first ones of the dataset's query set).</summary>
    public const int Queries = 1000;

    /// <summary>True neighbours per query.</summary>
    public const int GroundTruthK = 100;

    /// <summary>Code lengths of a <c>--quick</c> run.</summary>
    public static IReadOnlyList<int> QuickBits { get; } = [32, 64];

    /// <summary>Queries of a <c>--quick</c> run.</summary>
    public const int QuickQueries = 200;

    /// <summary>Training vectors of a <c>--quick</c> run (a seeded random subset; the whole base is still encoded and searched).</summary>
    public const int QuickMaxTrain = 10000;
}
