using Sigah.Hashing.Adversarial;
using Sigah.Hashing.Tests.Neural;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>
/// Finite-difference checks of SiGAH's hand-written gradients. Losses are summed in double from float forward
/// passes of a few dozen terms, so their rounding is ~1e-6; with step 1e-3 that is ~1e-3 of numeric noise, covered by
/// the absolute tolerance. Inputs are drawn away from the kinks (soft-threshold, hinge) only by chance, so the
/// sizes are small and the seeds fixed.
/// </summary>
public class SigahGradientTests
{
    private const float Step = 1e-3f;
    private const double Absolute = 3e-3, Relative = 2e-2;

    [Fact]
    public void Unrolled_shrinkage_gradients_match_finite_differences()
    {
        const int m = 8, k = 6, d = 5, n = 4;
        var random = new Random(3);
        var synthesis = new IstaSynthesis(m, k, d, steps: 3, capacity: n, random);
        // Thresholds small enough that some atoms are active after each step, so every path carries gradient.
        Array.Fill(synthesis.Threshold.Value, 0.05f);
        var codes = FiniteDifference.Uniform(random, n * m);
        var probe = FiniteDifference.Uniform(random, n * d);
        double Loss() => FiniteDifference.Probe(synthesis.Forward(codes, n), probe);

        Loss();
        var codeGradient = new float[n * m];
        synthesis.Backward(probe, codeGradient);
        Assert.Contains(synthesis.SparseCodes.ToArray(), z => z == 0f);
        foreach (var p in synthesis.Parameters)
        {
            var analytic = (float[])p.Gradient.Clone();
            FiniteDifference.AssertGradient(Loss, p.Value, analytic, Step, Absolute, Relative, p.Name);
        }
        FiniteDifference.AssertGradient(Loss, codes, codeGradient, Step, Absolute, Relative, "codes");
    }

    [Theory]
    [InlineData(AffinityTarget.Cosine, 0f)]
    [InlineData(AffinityTarget.Angular, 0f)]
    [InlineData(AffinityTarget.Euclidean, 0f)]
    [InlineData(AffinityTarget.Euclidean, 4f)]
    public void Affinity_gradient_matches_finite_differences(AffinityTarget target, float locality)
    {
        const int n = 6, d = 5, m = 8;
        var random = new Random(5);
        var loss = new AffinityLoss(n, d, m, target, locality);
        var features = FiniteDifference.Uniform(random, n * d);
        var codes = FiniteDifference.Uniform(random, n * m);
        var analytic = new float[n * m];
        loss.Compute(features, codes, n, 1f, analytic);
        FiniteDifference.AssertGradient(() => loss.Compute(features, codes, n, 0f, default), codes, analytic, Step, 1e-4, Relative, "codes");
    }

    [Fact]
    public void Affinity_loss_equals_the_pairwise_definition()
    {
        const int n = 3, d = 2, m = 8;
        float[] features = [1, 0, 0, 2, -1, -1];
        var codes = new float[n * m];
        var random = new Random(8);
        for (int i = 0; i < codes.Length; i++) codes[i] = random.Next(2) == 0 ? -1f : 1f;
        double expected = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dot = features[2 * i] * features[2 * j] + features[2 * i + 1] * features[2 * j + 1];
                double cos = dot / Math.Sqrt((features[2 * i] * features[2 * i] + features[2 * i + 1] * features[2 * i + 1])
                    * (features[2 * j] * features[2 * j] + features[2 * j + 1] * features[2 * j + 1]));
                double target = 1 - 2 * Math.Acos(Math.Clamp(cos, -1, 1)) / Math.PI;
                double codeDot = 0;
                for (int b = 0; b < m; b++) codeDot += codes[i * m + b] * codes[j * m + b];
                expected += Math.Pow(codeDot / m - target, 2);
            }
        expected /= n * n;
        double actual = new AffinityLoss(n, d, m, AffinityTarget.Angular).Compute(features, codes, n, 0f, default);
        Assert.Equal(expected, actual, 1e-5);
    }

    [Fact]
    public void Euclidean_target_with_locality_equals_the_weighted_pairwise_definition()
    {
        const int n = 3, d = 2, m = 8;
        const float locality = 2f;
        float[] features = [1, 0, 0, 2, -1, -1];
        var codes = new float[n * m];
        var random = new Random(4);
        for (int i = 0; i < codes.Length; i++) codes[i] = random.Next(2) == 0 ? -1f : 1f;
        var distance = new double[n, n];
        double meanDistance = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                distance[i, j] = Math.Sqrt(Math.Pow(features[2 * i] - features[2 * j], 2) + Math.Pow(features[2 * i + 1] - features[2 * j + 1], 2));
                meanDistance += distance[i, j] / (n * (n - 1));
            }
        double weightSum = 0, weighted = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double target = Math.Clamp(1 - distance[i, j] / meanDistance, -1, 1);
                double weight = Math.Exp(locality * (target - 1));
                double codeDot = 0;
                for (int b = 0; b < m; b++) codeDot += codes[i * m + b] * codes[j * m + b];
                weightSum += weight;
                weighted += weight * Math.Pow(codeDot / m - target, 2);
            }
        // Weights are normalised to mean 1 over the n² pairs.
        double expected = weighted / weightSum;
        double actual = new AffinityLoss(n, d, m, AffinityTarget.Euclidean, locality).Compute(features, codes, n, 0f, default);
        Assert.Equal(expected, actual, 1e-5);
    }

    [Fact]
    public void Energy_gradients_match_finite_differences()
    {
        const int d = 6, hidden = 4, n = 3;
        var random = new Random(11);
        var discriminator = new EnergyDiscriminator(d, hidden, n, random);
        var features = FiniteDifference.Uniform(random, n * d);
        double Loss() => discriminator.Energy(features, n);

        Loss();
        var featureGradient = new float[n * d];
        discriminator.Backward(1f, parameterGradients: true, featureGradient);
        foreach (var p in discriminator.Parameters)
        {
            var analytic = (float[])p.Gradient.Clone();
            FiniteDifference.AssertGradient(Loss, p.Value, analytic, Step, 1e-4, Relative, p.Name);
        }
        FiniteDifference.AssertGradient(Loss, features, featureGradient, Step, 1e-4, Relative, "features");
    }

    [Fact]
    public void Consistency_gradient_matches_finite_differences()
    {
        const int count = 24;
        var random = new Random(13);
        var codes = new float[count];
        for (int i = 0; i < count; i++) codes[i] = random.Next(2) == 0 ? -1f : 1f;
        var reencoded = FiniteDifference.Uniform(random, count, scale: 2);
        var analytic = new float[count];
        var scratch = new float[count];
        ConsistencyLoss.Compute(codes, reencoded, 1f, analytic);
        FiniteDifference.AssertGradient(() => ConsistencyLoss.Compute(codes, reencoded, 1f, scratch), reencoded, analytic, Step, 1e-4, Relative, "reencoded");
    }
}
