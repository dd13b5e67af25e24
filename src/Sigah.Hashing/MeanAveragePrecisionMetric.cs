using Sigah.Core.Codes;
using Sigah.Core.Hamming;

namespace Sigah.Hashing;

/// <summary>
/// Mean average precision over the full Hamming ranking, ties broken by the smaller base index: the score training
/// validates on by default (<see cref="TrainingContext.ValidationMetric"/>), and the mAP that
/// <c>Sigah.Evaluation.Metrics.RetrievalEvaluator</c> reports, to the last bit. Each query is scored in one pass over the
/// base without sorting it: distances take only the values 0..bits, so a histogram of them and, for each true neighbour,
/// how many items at its distance precede it give its rank. Queries run in parallel; their scores are summed in query
/// order, so the result does not depend on the threads.
/// </summary>
public sealed class MeanAveragePrecisionMetric : IRetrievalMetric
{
    /// <summary>Base codes whose distances are computed per kernel call (16 KB of distances stays in L1).</summary>
    private const int BlockItems = 4096;

    /// <inheritdoc/>
    public string Name => "mAP";

    /// <inheritdoc/>
    public double Score(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth)
    {
        ArgumentNullException.ThrowIfNull(baseCodes);
        ArgumentNullException.ThrowIfNull(queryCodes);
        ArgumentNullException.ThrowIfNull(groundTruth);
        if (queryCodes.Bits != baseCodes.Bits)
            throw new ArgumentException($"query codes have {queryCodes.Bits} bits, base codes {baseCodes.Bits}", nameof(queryCodes));
        if (groundTruth.Length != queryCodes.Count)
            throw new ArgumentException($"{groundTruth.Length} ground-truth lists for {queryCodes.Count} queries", nameof(groundTruth));
        ArgumentOutOfRangeException.ThrowIfZero(queryCodes.Count, nameof(queryCodes));
        var precision = new double[queryCodes.Count];
        Parallel.For(0, queryCodes.Count, () => new QueryRanking(baseCodes), (q, _, ranking) =>
        {
            precision[q] = ranking.AveragePrecision(queryCodes.Code(q), groundTruth[q]);
            return ranking;
        }, _ => { });
        double sum = 0;
        foreach (double p in precision) sum += p;
        return sum / precision.Length;
    }

    /// <summary>One thread's buffers for ranking the base against a query.</summary>
    private sealed class QueryRanking(PackedCodes baseCodes)
    {
        private readonly int[] _distances = new int[BlockItems];
        private readonly int[] _atDistance = new int[baseCodes.Bits + 1];
        private readonly int[] _before = new int[baseCodes.Bits + 1];
        private readonly int[] _relevantAt = new int[baseCodes.Bits + 1];
        private readonly int[] _relevantBefore = new int[baseCodes.Bits + 1];

        /// <summary>
        /// The average precision of <paramref name="query"/>'s ranking for its true neighbours <paramref name="neighbours"/>
        /// (distinct base indices, at least one): the mean over them, in rank order, of (hits so far) / rank.
        /// </summary>
        public double AveragePrecision(ReadOnlySpan<byte> query, int[] neighbours)
        {
            if (neighbours.Length == 0) throw new ArgumentException("a query without true neighbours has no average precision", nameof(neighbours));
            int r = neighbours.Length;
            var sorted = neighbours.ToArray();
            Array.Sort(sorted);
            if (sorted[0] < 0 || sorted[^1] >= baseCodes.Count)
                throw new ArgumentOutOfRangeException(nameof(neighbours), $"true neighbours must be base indices in 0..{baseCodes.Count - 1}");
            for (int p = 1; p < r; p++)
                if (sorted[p] == sorted[p - 1]) throw new ArgumentException($"base index {sorted[p]} is listed twice", nameof(neighbours));
            var distance = new int[r];
            var tiesBefore = new int[r];
            Scan(query, sorted, distance, tiesBefore);

            // Each neighbour ranks after every item at a smaller distance and the items at its distance with smaller
            // indices; neighbours in index order fill the rank order distance by distance.
            Array.Clear(_relevantAt);
            for (int p = 0; p < r; p++) _relevantAt[distance[p]]++;
            for (int d = 0, all = 0, relevant = 0; d < _atDistance.Length; d++)
            {
                _before[d] = all;
                _relevantBefore[d] = relevant;
                all += _atDistance[d];
                relevant += _relevantAt[d];
            }
            var ranks = new int[r];
            Array.Clear(_relevantAt);
            for (int p = 0; p < r; p++)
            {
                int d = distance[p];
                ranks[_relevantBefore[d] + _relevantAt[d]++] = _before[d] + tiesBefore[p] + 1;
            }
            double sum = 0;
            for (int i = 0; i < r; i++) sum += (i + 1.0) / ranks[i];
            return sum / r;
        }

        /// <summary>
        /// One pass over the base in index order: the histogram of distances to <paramref name="query"/> and, for the p-th
        /// of the ascending <paramref name="neighbours"/>, its distance and the number of items at that distance before it.
        /// </summary>
        private void Scan(ReadOnlySpan<byte> query, int[] neighbours, int[] distance, int[] tiesBefore)
        {
            Array.Clear(_atDistance);
            int bytes = baseCodes.BytesPerCode, n = baseCodes.Count, p = 0, next = neighbours[0];
            for (int start = 0; start < n; start += BlockItems)
            {
                int count = Math.Min(BlockItems, n - start);
                var distances = _distances.AsSpan(0, count);
                HammingKernels.OneToMany(query, baseCodes.Data.AsSpan(start * bytes, count * bytes), distances);
                for (int k = 0; k < count; k++)
                {
                    int d = distances[k];
                    if (start + k == next)
                    {
                        distance[p] = d;
                        tiesBefore[p] = _atDistance[d];
                        next = ++p < neighbours.Length ? neighbours[p] : -1;
                    }
                    _atDistance[d]++;
                }
            }
        }
    }
}
