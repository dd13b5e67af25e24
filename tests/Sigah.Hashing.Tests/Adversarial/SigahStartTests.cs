using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>The generator's linear starts reproduce the hash they copy before any training.</summary>
public class SigahStartTests
{
    private const string TrainImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    [Fact]
    public void Sgh_start_reproduces_the_sgh_models_codes()
    {
        const int bits = 16, hidden = 48;
        var data = VectorFile.Read(TrainImages, new VectorReadOptions { Scale = 1f / 255, MaxRows = 1000 });
        var options = new StochasticGenerativeOptions { Bits = bits, Epochs = 2, BatchSize = 200, DecayEpochs = 5 };
        var sgh = StochasticGenerativeTrainer.Train(data, options, new TrainingContext { Seed = 5 }).Model;

        var linear = StochasticGenerativeStart.FromModel(sgh);
        var random = new Random(9);
        // Any positive per-bit scales keep the signs; uneven ones check that each bit is divided by its own.
        var scales = Enumerable.Range(0, bits).Select(_ => 0.5f + random.NextSingle()).ToArray();
        var generator = GeneratorNetwork.CreateFromLinear(linear.Projection, linear.Offsets, scales, data.Cols, hidden, 0.1f, random);
        var model = new SigahModel(linear.Mean, 1f, generator);

        int n = data.Rows, d = data.Cols;
        var standardised = new float[n * d];
        StochasticGenerativeModel.Standardise(data.Data, n, sgh.Mean, sgh.Scale, standardised);
        var logits = new float[n * bits];
        sgh.Encoder.Forward(standardised, logits, n);
        var outputs = new float[n * bits];
        model.Project(data.Data, n, outputs);
        for (int i = 0; i < logits.Length; i++)
            Assert.Equal(logits[i] / scales[i % bits], outputs[i], 1e-3f);
        Assert.Equal(sgh.EncodeAll(data).Data, model.EncodeAll(data).Data);
    }
}
