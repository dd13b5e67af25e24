using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Core.IO;
using Sigah.Hashing.SiGah;

namespace Sigah.Hashing.Tests.SiGah;

/// <summary>SiGAH end to end on a small slice of real data (Fashion-MNIST rows, as the Debian package installs them).</summary>
[Collection(nameof(BlasThreadStateCollection))]
public class SigahTrainingTests
{
    private const string TrainImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    private static readonly Lazy<FloatMatrix> Subset = new(() =>
        VectorFile.Read(TrainImages, new VectorReadOptions { Scale = 1f / 255, MaxRows = 3000 }));

    private static HasherOptions Options(int bits, params (string Name, string Value)[] settings) =>
        new(bits, settings.ToDictionary(s => s.Name, s => s.Value));

    private static SigahSettings Small(int bits) => SigahSettings.From(Options(bits,
        ("epochs", "3"), ("hidden", "128"), ("batch", "128"), ("lr", "1e-3"), ("validation", "200"), ("knn", "20"), ("depth", "200"),
        ("validation-k", "20"), ("checks", "2"), ("patience", "6"), ("atoms", "32"), ("disc-hidden", "32"), ("start", "itq")));

    [Fact]
    public void Training_raises_validation_map_above_its_start()
    {
        var trainer = new SigahTrainer(Small(16), new TrainingContext { Seed = 7, ValidationMetric = new BruteForceMap() });
        trainer.Train(Subset.Value);
        var history = trainer.ValidationHistory;
        Assert.True(history.Count > 1);
        Assert.True(history.Skip(1).Max() > history[0] * 1.02, $"validation mAP {string.Join(", ", history.Select(h => h.ToString("F4")))}");
    }

    [Fact]
    public void Saved_and_loaded_model_gives_identical_codes_and_seed_reproduces_it()
    {
        var data = Subset.Value;
        var settings = Small(16) with { Epochs = 1 };
        var first = new SigahHasher(settings).Fit(data, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() });
        var second = new SigahHasher(settings).Fit(data, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() });
        var bytes = ModelFile.ToBytes(first);
        Assert.Equal(bytes, ModelFile.ToBytes(second));
        var loaded = ModelFile.FromBytes(bytes, "model.sgm");
        Assert.IsType<SigahModel>(loaded);
        Assert.Equal(first.EncodeAll(data).Data, loaded.EncodeAll(data).Data);
    }

    [Fact]
    public void Input_of_the_wrong_dimension_or_with_nan_is_a_one_line_error()
    {
        var model = new SigahHasher(Small(16) with { Epochs = 1, ValidationQueries = 0 }).Fit(Subset.Value, new TrainingContext());
        var error = Assert.Throws<UserInputException>(() => model.EncodeAll(new FloatMatrix(2, 10), "queries.fvecs"));
        Assert.Equal("queries.fvecs: vectors have dimension 10, the model expects 784", error.Message);
        var queries = new FloatMatrix(3, 784);
        queries.Data[784 + 5] = float.PositiveInfinity;
        Assert.Equal("queries.fvecs: row 1 has a non-finite value",
            Assert.Throws<UserInputException>(() => model.EncodeAll(queries, "queries.fvecs")).Message);
    }

    [Fact]
    public void Training_rows_with_nan_are_a_one_line_error()
    {
        var data = new FloatMatrix(50, 4);
        data.Data[17 * 4 + 2] = float.NaN;
        var error = Assert.Throws<UserInputException>(() =>
            new SigahHasher(Options(8)).Fit(data, new TrainingContext { InputName = "/tmp/train.npy" }));
        Assert.Equal("train.npy: row 17 has a non-finite value", error.Message);
    }

    [Fact]
    public void Bits_not_a_multiple_of_8_are_a_one_line_error()
    {
        var error = Assert.Throws<UserInputException>(() => HasherRegistry.Get("sigah").Create(Options(12)));
        Assert.Equal("--bits: 12 is not a positive multiple of 8 up to 4096", error.Message);
    }

    [Fact]
    public void Unknown_or_invalid_settings_are_one_line_errors()
    {
        Assert.Equal("--param: 'epoch' is not a setting of method 'sigah'",
            Assert.Throws<UserInputException>(() => new SigahHasher(Options(8, ("epoch", "3")))).Message);
        Assert.Equal("--param: 'decoder=lista' is not one of ista, mlp",
            Assert.Throws<UserInputException>(() => new SigahHasher(Options(8, ("decoder", "lista")))).Message);
        Assert.Equal("--param: lr=0 must be positive",
            Assert.Throws<UserInputException>(() => new SigahHasher(Options(8, ("lr", "0")))).Message);
    }
}
