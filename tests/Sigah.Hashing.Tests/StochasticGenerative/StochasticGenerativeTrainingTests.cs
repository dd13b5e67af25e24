using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing.Tests.StochasticGenerative;

public class StochasticGenerativeTrainingTests
{
    [Fact]
    public void The_objective_falls_while_training_on_fashion_mnist_rows()
    {
        var train = FashionMnistSample.Train(2000);
        var options = new StochasticGenerativeOptions { Bits = 16, Epochs = 6, BatchSize = 100 };
        var (model, losses) = StochasticGenerativeTrainer.Train(train, options, new TrainingContext { Seed = 4 });

        Assert.Equal(6, losses.Length);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        // The first epoch starts from random weights; by the last the reconstruction must have improved clearly.
        Assert.True(losses[^1] < 0.8 * losses[0], $"objective went from {losses[0]:G4} to {losses[^1]:G4}");
        Assert.True(losses[^1] <= losses[2], $"objective rose from {losses[2]:G4} (epoch 3) to {losses[^1]:G4}");
        Assert.Equal(16, model.Bits);
    }

    [Fact]
    public void Encoding_thresholds_the_encoder_probability_at_one_half()
    {
        var train = FashionMnistSample.Train(300);
        var options = new StochasticGenerativeOptions { Bits = 8, Epochs = 1, BatchSize = 50, DecayEpochs = 1 };
        var model = StochasticGenerativeTrainer.Train(train, options, new TrainingContext { Seed = 2 }).Model;
        var codes = model.EncodeAll(train);
        var standardised = new float[784];
        for (int i = 0; i < train.Rows; i++)
        {
            StochasticGenerativeModel.Standardise(train.Row(i), 1, model.Mean, model.Scale, standardised);
            for (int k = 0; k < 8; k++)
            {
                double logit = model.Encoder.Bias.Value[k];
                for (int j = 0; j < 784; j++) logit += (double)model.Encoder.Weight.Value[k * 784 + j] * standardised[j];
                if (Math.Abs(logit) < 1e-4) continue; // float rounding decides at the threshold
                Assert.Equal(1 / (1 + Math.Exp(-logit)) > 0.5, codes.GetBit(i, k));
            }
        }
    }
}
