using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Core.Knn;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// A held-out slice of the training rows used as queries against the remaining rows, with its own exact
/// Euclidean ground truth, so training can be scored (and early-stopped) the way the benchmark scores codes.
/// </summary>
internal sealed class ValidationSplit
{
    private ValidationSplit(FloatMatrix queries, FloatMatrix baseVectors, int[] baseRows, int[][] groundTruth)
    {
        Queries = queries;
        Base = baseVectors;
        BaseRows = baseRows;
        GroundTruth = groundTruth;
    }

    /// <summary>The held-out query rows.</summary>
    public FloatMatrix Queries { get; }

    /// <summary>The remaining rows (the training rows proper), in their original order.</summary>
    public FloatMatrix Base { get; }

    /// <summary>Index in the original matrix of each row of <see cref="Base"/>.</summary>
    public int[] BaseRows { get; }

    /// <summary>For each query, its exact nearest rows of <see cref="Base"/> (indices into Base), nearest first.</summary>
    public int[][] GroundTruth { get; }

    /// <summary>
    /// Holds out <paramref name="queries"/> rows of <paramref name="data"/> chosen by <paramref name="random"/> and
    /// computes their <paramref name="k"/> exact nearest neighbours among the rest (needs more than queries + k rows).
    /// </summary>
    public static ValidationSplit Create(FloatMatrix data, int queries, int k, Random random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(data.Rows, queries + k + 1);
        var order = new int[data.Rows];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        for (int i = 0; i < queries; i++)
        {
            int j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var queryRows = order.AsSpan(0, queries).ToArray();
        var baseRows = order.AsSpan(queries).ToArray();
        Array.Sort(baseRows);
        var queryMatrix = data.SelectRows(queryRows);
        var baseMatrix = data.SelectRows(baseRows);
        var truth = ExactKnn.Search(baseMatrix, queryMatrix, k).ToLists();
        return new ValidationSplit(queryMatrix, baseMatrix, baseRows, truth);
    }

    /// <summary>Scores <paramref name="model"/>'s codes of the held-out queries against its codes of the base.</summary>
    public double Score(IHashModel model, IRetrievalMetric metric)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metric);
        return Score(model.EncodeAll(Base), model, metric);
    }

    /// <summary>As <see cref="Score(IHashModel, IRetrievalMetric)"/> with the base's codes already at hand (Base.Rows codes of the model's bits).</summary>
    public double Score(PackedCodes baseCodes, IHashModel model, IRetrievalMetric metric)
    {
        ArgumentNullException.ThrowIfNull(baseCodes);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metric);
        if (baseCodes.Count != Base.Rows || baseCodes.Bits != model.Bits)
            throw new ArgumentException($"baseCodes are {baseCodes.Count} x {baseCodes.Bits} bits, expected {Base.Rows} x {model.Bits}", nameof(baseCodes));
        return metric.Score(baseCodes, model.EncodeAll(Queries), GroundTruth);
    }
}
