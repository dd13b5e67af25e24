using Sigah.Core.Codes;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Metrics;

/// <summary>The fast evaluator against <see cref="ReferenceMetrics"/> on random codes and ground truth.</summary>
public class ReferenceAgreementTests
{
    private const double Tolerance = 1e-10;

    /// <summary>
    /// The validation metric training early-stops on is the evaluator's mAP to the last bit, so the validation mAP bench
    /// records and the score a trainer compares are the same numbers.
    /// </summary>
    [Theory]
    [InlineData(1, 300, 8, 20, 16)]
    [InlineData(2, 500, 16, 9, 40)]
    [InlineData(3, 9000, 8, 3, 100)]
    [InlineData(4, 200, 64, 5, 1)]
    [InlineData(5, 5000, 32, 300, 100)]
    public void The_validation_metric_is_the_evaluators_map_exactly(int seed, int n, int bits, int nq, int k)
    {
        var rng = new Random(seed);
        var baseCodes = RandomCodes(rng, n, bits, skew: bits > 16);
        var queries = RandomCodes(rng, nq, bits, skew: bits > 16);
        var truth = RandomTruth(rng, nq, n, k);

        double expected = RetrievalEvaluator.Evaluate(baseCodes, queries, truth).MeanAveragePrecision;
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected),
            BitConverter.DoubleToInt64Bits(new Sigah.Hashing.MeanAveragePrecisionMetric().Score(baseCodes, queries, truth)));
    }

    [Theory]
    [InlineData(1, 300, 8, 20, 16)]
    [InlineData(2, 500, 16, 9, 40)]
    [InlineData(3, 9000, 8, 3, 100)]   // more than two kernel blocks, heavy ties
    [InlineData(4, 200, 64, 5, 1)]
    public void Every_metric_matches_the_explicit_sort(int seed, int n, int bits, int nq, int k)
    {
        var rng = new Random(seed);
        var baseCodes = RandomCodes(rng, n, bits, skew: bits > 16);
        var queries = RandomCodes(rng, nq, bits, skew: bits > 16);
        var truth = RandomTruth(rng, nq, n, k);
        var cutoffs = Cutoffs.OneTwoFive(n);

        var m = RetrievalEvaluator.Evaluate(baseCodes, queries, truth, cutoffs);

        double ap = 0;
        var precisionAt = new double[cutoffs.Length];
        var recallAt = new double[cutoffs.Length];
        var precisionR = new double[bits + 1];
        var recallR = new double[bits + 1];
        for (int q = 0; q < nq; q++)
        {
            var d = ReferenceMetrics.Distances(baseCodes, queries, q);
            var set = truth[q].ToHashSet();
            var ranking = ReferenceMetrics.RankByIndexTies(d);
            ap += ReferenceMetrics.AveragePrecision(ranking, set);
            for (int c = 0; c < cutoffs.Length; c++)
            {
                int hits = ReferenceMetrics.HitsInTop(ranking, set, cutoffs[c]);
                precisionAt[c] += (double)hits / cutoffs[c];
                recallAt[c] += (double)hits / set.Count;
            }
            for (int r = 0; r <= bits; r++)
            {
                var ball = Enumerable.Range(0, n).Where(i => d[i] <= r).ToList();
                int hits = ball.Count(set.Contains);
                precisionR[r] += ball.Count == 0 ? 0 : (double)hits / ball.Count;
                recallR[r] += (double)hits / set.Count;
            }
        }

        Assert.Equal(ap / nq, m.MeanAveragePrecision, Tolerance);
        for (int c = 0; c < cutoffs.Length; c++)
        {
            Assert.Equal(precisionAt[c] / nq, m.PrecisionAt[c], Tolerance);
            Assert.Equal(recallAt[c] / nq, m.RecallAt[c], Tolerance);
        }
        for (int r = 0; r <= bits; r++)
        {
            Assert.Equal(precisionR[r] / nq, m.PrecisionWithinRadius[r], Tolerance);
            Assert.Equal(recallR[r] / nq, m.RecallWithinRadius[r], Tolerance);
        }
        double auc = 0;
        for (int r = 1; r <= bits; r++)
            auc += (recallR[r] - recallR[r - 1]) / nq * (precisionR[r] + precisionR[r - 1]) / nq / 2;
        Assert.Equal(auc, m.PrAuc, Tolerance);
        Assert.Equal(precisionR[2] / nq, m.PrecisionR2, Tolerance);
        Assert.Equal(recallR[2] / nq, m.RecallR2, Tolerance);
    }

    [Fact]
    public void Tie_averaged_AP_matches_the_enumeration_of_every_tie_order()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 8), maxDistance = rng.Next(0, 4);
            var distances = Enumerable.Range(0, n).Select(_ => rng.Next(0, maxDistance + 1)).ToArray();
            var truth = RandomTruth(rng, 1, n, rng.Next(1, n + 1))[0];

            var m = RetrievalEvaluator.Evaluate(CodesAtDistances.Base(distances), CodesAtDistances.ZeroQuery(), [truth]);

            double expected = ReferenceMetrics.TieAveragedAveragePrecision(distances, truth.ToHashSet());
            Assert.Equal(expected, m.MeanAveragePrecisionTieAveraged, Tolerance);
        }
    }

    [Fact]
    public void Large_tie_groups_use_harmonic_differences_that_agree_with_direct_sums()
    {
        // 3000 items in a few tie groups exceed the direct-sum group size; with one relevant item per group of
        // size t after N items, the expected precision is (hitsBefore + 1) · (H(N+t) − H(N)) / t.
        var distances = Enumerable.Range(0, 3000).Select(i => i % 3).ToArray();
        int[] truth = [5, 7];   // distance 2 and 1: groups of 1000 each
        var m = RetrievalEvaluator.Evaluate(CodesAtDistances.Base(distances), CodesAtDistances.ZeroQuery(), [truth]);
        double group1 = Enumerable.Range(1, 1000).Sum(k => 1.0 / (1000 + k)) / 1000;
        double group2 = 2 * Enumerable.Range(1, 1000).Sum(k => 1.0 / (2000 + k)) / 1000;
        Assert.Equal((group1 + group2) / 2, m.MeanAveragePrecisionTieAveraged, 1e-12);
    }

    [Fact]
    public void Without_ties_both_mAP_flavours_agree()
    {
        var distances = new[] { 4, 0, 7, 2, 1, 3, 6, 5 };
        var m = RetrievalEvaluator.Evaluate(CodesAtDistances.Base(distances), CodesAtDistances.ZeroQuery(), [[2, 3, 6]]);
        Assert.Equal(m.MeanAveragePrecision, m.MeanAveragePrecisionTieAveraged, Tolerance);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_and_stay_within_zero_and_one()
    {
        var rng = new Random(5);
        var baseCodes = RandomCodes(rng, 2000, 32, skew: true);
        var queries = RandomCodes(rng, 64, 32, skew: true);
        var truth = RandomTruth(rng, 64, 2000, 50);
        var one = RetrievalEvaluator.Evaluate(baseCodes, queries, truth, threads: 1);
        var two = RetrievalEvaluator.Evaluate(baseCodes, queries, truth, threads: 2);
        Assert.Equal(one.MeanAveragePrecision, two.MeanAveragePrecision);
        Assert.Equal(one.MeanAveragePrecisionTieAveraged, two.MeanAveragePrecisionTieAveraged);
        Assert.Equal(one.PrecisionWithinRadius, two.PrecisionWithinRadius);
        Assert.Equal(one.PrAuc, two.PrAuc);
        double[] scalars = [one.MeanAveragePrecision, one.MeanAveragePrecisionTieAveraged, one.PrAuc, one.PrecisionR2, one.RecallR2];
        foreach (double v in scalars.Concat(one.PrecisionAt).Concat(one.RecallAt).Concat(one.PrecisionWithinRadius).Concat(one.RecallWithinRadius))
            Assert.InRange(v, 0, 1);
    }

    /// <summary>Random codes; with <paramref name="skew"/> most bits are rarely set, so distances cluster and tie.</summary>
    private static PackedCodes RandomCodes(Random rng, int count, int bits, bool skew)
    {
        var codes = new PackedCodes(count, bits);
        for (int i = 0; i < count; i++)
            for (int b = 0; b < bits; b++)
                if (rng.NextDouble() < (skew && b >= 6 ? 0.03 : 0.5)) codes.Code(i)[b >> 3] |= (byte)(1 << (b & 7));
        return codes;
    }

    private static int[][] RandomTruth(Random rng, int queries, int n, int k) =>
        [.. Enumerable.Range(0, queries).Select(_ => Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(k).ToArray())];
}
