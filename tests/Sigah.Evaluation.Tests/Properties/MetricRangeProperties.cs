using CsCheck;
using Sigah.Core.Codes;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Properties;

/// <summary>Whatever the codes and ground truth, every metric is a number in [0, 1], and recall only grows with depth.</summary>
public sealed class MetricRangeProperties
{
    [Fact]
    public void Every_metric_stays_in_0_1_and_recall_grows_with_depth_and_radius()
    {
        var gen =
            from bytes in Gen.Int[1, 8]
            from baseCount in Gen.Int[1, 300]
            from queries in Gen.Int[1, 8]
            from maxTruth in Gen.Int[1, 30]
            from narrow in Gen.Bool
            from seed in Gen.Int
            select (Bits: bytes * 8, baseCount, queries, maxTruth, narrow, seed);
        gen.Sample(c =>
        {
            var random = new Random(c.seed);
            // Narrow codes use few distinct values, so many distances tie and the tie handling is exercised.
            var baseCodes = Codes(random, c.baseCount, c.Bits, c.narrow);
            var queryCodes = Codes(random, c.queries, c.Bits, c.narrow);
            var truth = new int[c.queries][];
            for (int q = 0; q < c.queries; q++)
            {
                int size = random.Next(1, Math.Min(c.maxTruth, c.baseCount) + 1);
                truth[q] = Enumerable.Range(0, c.baseCount).OrderBy(_ => random.Next()).Take(size).ToArray();
            }
            var m = RetrievalEvaluator.Evaluate(baseCodes, queryCodes, truth, threads: 1);
            double[] all = [m.MeanAveragePrecision, m.MeanAveragePrecisionTieAveraged, m.PrAuc, .. m.PrecisionAt, .. m.RecallAt,
                .. m.PrecisionWithinRadius, .. m.RecallWithinRadius];
            return all.All(v => v is >= 0 and <= 1)
                && NonDecreasing(m.RecallAt) && NonDecreasing(m.RecallWithinRadius)
                && Math.Abs(m.RecallWithinRadius[^1] - 1) < 1e-12;
        }, iter: 150);
    }

    private static bool NonDecreasing(IReadOnlyList<double> values) =>
        Enumerable.Range(1, values.Count - 1).All(i => values[i] >= values[i - 1] - 1e-12);

    private static PackedCodes Codes(Random random, int count, int bits, bool narrow)
    {
        var codes = new PackedCodes(count, bits);
        random.NextBytes(codes.Data);
        if (narrow) for (int i = 0; i < codes.Data.Length; i++) codes.Data[i] &= 0x03;
        return codes;
    }
}
