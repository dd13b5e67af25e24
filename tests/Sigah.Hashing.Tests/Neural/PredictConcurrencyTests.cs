using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class PredictConcurrencyTests
{
    [Fact]
    public void Parallel_predictions_equal_sequential_ones()
    {
        var random = new Random(8);
        var network = new Sequential(
            new Dense(20, 48, WeightInit.KaimingNormal, random), new Relu(48),
            new Dense(48, 16, WeightInit.XavierUniform, random));
        const int blocks = 16, rows = 40;
        var inputs = Enumerable.Range(0, blocks).Select(_ => FiniteDifference.Uniform(random, rows * 20)).ToArray();
        var sequential = inputs.Select(x =>
        {
            var y = new float[rows * 16];
            network.Predict(x, y, rows);
            return y;
        }).ToArray();

        var parallel = new float[blocks][];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, b =>
        {
            parallel[b] = new float[rows * 16];
            network.Predict(inputs[b], parallel[b], rows);
        });
        for (int b = 0; b < blocks; b++) Assert.Equal(sequential[b], parallel[b]);
        Assert.Contains(sequential[0], v => v > 0f);
        Assert.Contains(sequential[0], v => v < 0f);
    }
}
