using Sigah.Core.Data;
namespace Sigah.IO.Data;

/// <summary>
/// A retrieval dataset: <paramref name="Train"/> is the database (and default training set), <paramref name="Queries"/>
/// the query vectors, <paramref name="GroundTruth"/> the exact nearest base ids of each query (nearest first) when
/// the dataset ships them, and <paramref name="Learn"/> a separate training sample when it ships one (SIFT1M's
/// <c>_learn.fvecs</c>).
/// </summary>
public sealed record Dataset(string Name, FloatMatrix Train, FloatMatrix Queries, int[][]? GroundTruth, FloatMatrix? Learn = null)
{
    /// <summary>One class label per base row, when the dataset ships labels (Fashion-MNIST, MNIST); else null.</summary>
    public int[]? TrainLabels { get; init; }

    /// <summary>One class label per query, alongside <see cref="TrainLabels"/>.</summary>
    public int[]? QueryLabels { get; init; }
}
