using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.Tests.Neural;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>The neighbour term: its exact neighbours, its loss against the definition, and its gradient.</summary>
public class NeighbourRankingLossTests
{
    private static FloatMatrix RandomRows(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        var matrix = new FloatMatrix(rows, dimension);
        for (int i = 0; i < matrix.Data.Length; i++) matrix.Data[i] = (float)random.NextDouble();
        return matrix;
    }

    private static CodeBank RandomBank(int rows, int bits, int seed)
    {
        var random = new Random(seed);
        var signs = new float[rows * bits];
        for (int i = 0; i < signs.Length; i++) signs[i] = random.Next(2) == 0 ? -1f : 1f;
        var bank = new CodeBank(rows, bits);
        bank.Update(PackedCodes.FromSigns(signs, rows, bits));
        return bank;
    }

    [Fact]
    public void Training_neighbours_equal_a_brute_force_ranking_without_the_anchor()
    {
        var rows = RandomRows(40, 3, 1);
        rows.Row(7).CopyTo(rows.Row(30)); // an exact duplicate: it must rank first for anchor 30 and 7, the anchor itself never
        var neighbours = TrainingNeighbours.Compute(rows, anchors: 12, depth: 9, new Random(2));
        Assert.Equal(12, neighbours.Anchors.Length);
        Assert.Equal(neighbours.Anchors.Order().ToArray(), neighbours.Anchors);
        for (int a = 0; a < neighbours.Anchors.Length; a++)
        {
            int row = neighbours.Anchors[a];
            var expected = Enumerable.Range(0, rows.Rows).Where(j => j != row)
                .OrderBy(j => SquaredDistance(rows.Row(row), rows.Row(j))).ThenBy(j => j).Take(9).ToArray();
            Assert.Equal(expected, neighbours.Of(a).ToArray());
        }
    }

    private static double SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (double)(x[i] - y[i]) * (x[i] - y[i]);
        return sum;
    }

    [Fact]
    public void Loss_equals_the_softmax_definition_when_the_draws_are_forced()
    {
        // K = 1 and depth 2: the positive is always the nearest row and the one hard negative the second.
        var rows = RandomRows(20, 2, 3);
        var neighbours = TrainingNeighbours.Compute(rows, anchors: 20, depth: 2, new Random(4));
        const int m = 16;
        var bank = RandomBank(rows.Rows, m, 5);
        const float kappa = 0.8f;
        var loss = new NeighbourRankingLoss(neighbours, bank, capacity: 3, positives: 1, nearest: 1, hardNegatives: 1, randomNegatives: 0, kappa);
        int[] anchors = [4, 9, 13];
        var codes = new float[anchors.Length * m];
        var random = new Random(6);
        for (int i = 0; i < codes.Length; i++) codes[i] = (float)(random.NextDouble() * 2 - 1);
        double expected = 0;
        for (int i = 0; i < anchors.Length; i++)
        {
            var code = codes.AsSpan(i * m, m);
            double positive = kappa / 2 * Dot(code, bank.Code(neighbours.Of(anchors[i])[0]));
            double negative = kappa / 2 * Dot(code, bank.Code(neighbours.Of(anchors[i])[1]));
            expected += Math.Log(Math.Exp(positive) + Math.Exp(negative)) - positive;
        }
        expected /= anchors.Length;
        var gradient = new float[codes.Length];
        Assert.Equal(expected, loss.Compute(anchors, codes, 1f, gradient, new Random(0)), 1e-5);
    }

    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (double)x[i] * y[i];
        return sum;
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var rows = RandomRows(50, 4, 7);
        var neighbours = TrainingNeighbours.Compute(rows, anchors: 10, depth: 12, new Random(8));
        const int m = 8, n = 5;
        var bank = RandomBank(rows.Rows, m, 9);
        var loss = new NeighbourRankingLoss(neighbours, bank, capacity: n, positives: 3, nearest: 4, hardNegatives: 3, randomNegatives: 2, kappa: 0.7f);
        int[] anchors = [0, 3, 4, 8, 9];
        var codes = FiniteDifference.Uniform(new Random(10), n * m);
        var analytic = new float[n * m];
        loss.Compute(anchors, codes, 1f, analytic, new Random(11));
        var scratch = new float[n * m];
        // The same seed draws the same candidates, so the loss is a smooth function of the codes.
        FiniteDifference.AssertGradient(() => loss.Compute(anchors, codes, 0f, scratch, new Random(11)), codes, analytic, 1e-3f, 1e-4, 2e-2, "codes");
    }

    [Fact]
    public void Code_bank_holds_the_codes_as_signs()
    {
        var signs = new float[3 * 16];
        for (int i = 0; i < signs.Length; i++) signs[i] = i % 3 == 0 ? 1f : -1f;
        var bank = new CodeBank(3, 16);
        bank.Update(PackedCodes.FromSigns(signs, 3, 16));
        for (int row = 0; row < 3; row++) Assert.Equal(signs.AsSpan(row * 16, 16).ToArray(), bank.Code(row).ToArray());
        Assert.Throws<ArgumentException>(() => bank.Update(new PackedCodes(2, 16)));
    }
}
