using Sigah.Core.Data;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// What a bench run scores against: the base that is encoded and searched, the query vectors, each query's
/// true neighbours as indices into <paramref name="Base"/>, and the vectors hashers learn from
/// (<paramref name="Learn"/> when the dataset ships a separate training sample, else the base itself).
/// </summary>
/// <param name="Name">Dataset name for tables and plots.</param>
/// <param name="Base">Base vectors (n × d), encoded and ranked.</param>
/// <param name="Queries">Query vectors (nq × d).</param>
/// <param name="GroundTruth">nq lists of base indices, nearest first.</param>
/// <param name="GroundTruthDescription">How the ground truth and queries were chosen, for the report header.</param>
/// <param name="Learn">A separate training sample, or <c>null</c> to train on the base.</param>
public sealed record BenchProblem(string Name, FloatMatrix Base, FloatMatrix Queries, int[][] GroundTruth,
    string GroundTruthDescription, FloatMatrix? Learn = null)
{
    /// <summary>The vectors hashers are fitted on.</summary>
    public FloatMatrix Training => Learn ?? Base;

    /// <summary>
    /// With labels (one per base row and one per query), a base item is relevant to a query when their labels are equal,
    /// as supervised hashing papers score MNIST and CIFAR-10, instead of being among its <see cref="GroundTruth"/>.
    /// </summary>
    public (int[] Base, int[] Queries)? Labels { get; init; }
}
