using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing.Adversarial;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>SiGAH end to end on a small slice of real data (Fashion-MNIST rows, as the Debian package installs them).</summary>
[Collection(nameof(BlasThreadStateCollection))]
public class SigahTrainingTests
{
    private const string TrainImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    private static readonly Lazy<FloatMatrix> Subset = new(() =>
        VectorFile.Read(TrainImages, new VectorReadOptions { Scale = 1f / 255, MaxRows = 3000 }));

    private static SigahOptions Small(int bits) => new()
    {
        Bits = bits, MinSteps = 60, MaxSteps = 60, Hidden = 128, BatchSize = 128, LearningRate = 1e-3, ValidationQueries = 200,
        NearestCount = 20, NeighbourDepth = 200, ValidationK = 20, Checks = 2, Patience = 6, Atoms = 32, DiscriminatorHidden = 32,
        Start = SigahStart.Itq,
    };

    [Fact]
    public void Training_raises_validation_map_above_its_start()
    {
        var trainer = new SigahTrainer(Small(16), new TrainingContext { Seed = 7, ValidationMetric = new BruteForceMap() });
        trainer.Train(Subset.Value);
        var history = trainer.ValidationHistory;
        Assert.True(history.Count > 1);
        Assert.True(history.Skip(1).Max() > history[0] * 1.02, $"validation mAP {string.Join(", ", history.Select(h => h.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Training_never_ends_below_the_validation_map_of_its_start()
    {
        // A step size this large wrecks the linear start: every check scores below it, so the start must be what is kept.
        var trainer = new SigahTrainer(Small(16) with { Start = SigahStart.Auto, LearningRate = 0.1, Decays = 0 },
            new TrainingContext { Seed = 5, ValidationMetric = new BruteForceMap() });
        var model = trainer.Train(Subset.Value);
        var history = trainer.ValidationHistory;
        Assert.True(history.Skip(1).Max() < history[0], $"validation mAP {string.Join(", ", history.Select(h => h.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(history[0], trainer.Validation!.Score(model, new BruteForceMap()));
    }

    [Fact]
    public void Step_size_decays_from_the_best_check_when_validation_stops_improving_and_the_model_records_it()
    {
        // At 0.1 the first checks fall below the start, so the run goes back to its best and carries on at 0.03 (then maybe 0.009).
        var settings = Small(16) with { LearningRate = 0.1, Checks = 12, Patience = 12 };
        var model = new SigahTrainer(settings, new TrainingContext { Seed = 5, ValidationMetric = new BruteForceMap() }).Train(Subset.Value);
        double rate = model.Choices!.LearningRate;
        Assert.True(Math.Abs(rate - 0.03) < 1e-6 || Math.Abs(rate - 0.009) < 1e-6, $"lr {rate}");
        Assert.Equal(SigahStart.Itq, model.Choices.Start);
    }

    [Fact]
    public void Wide_inputs_are_read_through_their_leading_principal_directions_unless_turned_off()
    {
        var context = new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() };
        var model = new SigahTrainer(Small(16) with { MinSteps = 2, MaxSteps = 2, InputComponents = 40 }, context).Train(Subset.Value);
        // r = max(40, 2 x 16) = 40 orthonormal directions of the 784 pixels.
        var v = model.Components!;
        Assert.Equal(784 * 40, v.Length);
        for (int a = 0; a < 40; a++)
            for (int b = 0; b < 40; b++)
            {
                double dot = 0;
                for (int i = 0; i < 784; i++) dot += (double)v[i * 40 + a] * v[i * 40 + b];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-4);
            }
        var full = new SigahTrainer(Small(16) with { MinSteps = 2, MaxSteps = 2, InputComponents = 0 }, context).Train(Subset.Value);
        Assert.Null(full.Components);
    }

    [Fact]
    public void Kept_model_scores_the_best_validation_map_of_the_run()
    {
        var trainer = new SigahTrainer(Small(16), new TrainingContext { Seed = 7, ValidationMetric = new BruteForceMap() });
        var model = trainer.Train(Subset.Value);
        Assert.Equal(trainer.ValidationHistory.Max(), trainer.Validation!.Score(model, new BruteForceMap()));
    }

    /// <summary>
    /// Standardisation makes a·x + b train like x: the runs differ only by the float rounding of a·x + b, which sign-based
    /// training amplifies the way it amplifies any perturbation (after hundreds of steps about 1 % of bits differ, against
    /// about half between two seeds), so the property is checked over a short run.
    /// </summary>
    [Fact]
    public void Codes_do_not_depend_on_the_scale_and_offset_of_the_input()
    {
        var x = Subset.Value;
        var random = new Random(1);
        var offsets = Enumerable.Range(0, x.Cols).Select(_ => 10f * random.NextSingle() - 5f).ToArray();
        var y = new FloatMatrix(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Cols; j++) y.Row(i)[j] = 3.7f * x.Row(i)[j] + offsets[j];
        var settings = Small(16) with { MinSteps = 12, MaxSteps = 12 };
        var onX = new SigahHasher(settings).Fit(x, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() }).EncodeAll(x);
        var onY = new SigahHasher(settings).Fit(y, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() }).EncodeAll(y);
        long differing = 0;
        for (int i = 0; i < onX.Data.Length; i++) differing += System.Numerics.BitOperations.PopCount((uint)(onX.Data[i] ^ onY.Data[i]));
        Assert.True(differing <= onX.Data.Length * 8L / 1000, $"{differing} of {onX.Data.Length * 8} bits differ");
    }

    [Theory]
    [InlineData(5_000, 1000)]
    [InlineData(60_000, 1000)]
    [InlineData(100_000, 1560)]
    [InlineData(1_000_000, 2000)]
    public void Steps_are_epochs_of_the_rows_within_the_floor_and_ceiling(int rows, int steps) =>
        Assert.Equal(steps, new SigahOptions { Bits = 64 }.StepsFor(rows));

    [Fact]
    public void Saved_and_loaded_model_gives_identical_codes_and_seed_reproduces_it()
    {
        var data = Subset.Value;
        var settings = Small(16) with { MinSteps = 20, MaxSteps = 20 };
        var first = new SigahHasher(settings).Fit(data, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() });
        var second = new SigahHasher(settings).Fit(data, new TrainingContext { Seed = 3, ValidationMetric = new BruteForceMap() });
        var bytes = ModelFile.ToBytes(first);
        Assert.Equal(bytes, ModelFile.ToBytes(second));
        var loaded = ModelFile.FromBytes(bytes, "model.sgm");
        Assert.Equal(((SigahModel)first).Choices, Assert.IsType<SigahModel>(loaded).Choices);
        Assert.Equal(first.EncodeAll(data).Data, loaded.EncodeAll(data).Data);
    }

    [Fact]
    public void Input_of_the_wrong_dimension_or_with_nan_is_a_one_line_error()
    {
        var model = new SigahHasher(Small(16) with { MinSteps = 20, MaxSteps = 20, ValidationQueries = 0 }).Fit(Subset.Value, new TrainingContext());
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
            new SigahHasher(new SigahOptions { Bits = 8 }).Fit(data, new TrainingContext { InputName = "/tmp/train.npy" }));
        Assert.Equal("train.npy: row 17 has a non-finite value", error.Message);
    }

    private static SigahOptions ByName(int bits, params (string Name, string Value)[] settings) =>
        ((SigahHasher)HasherRegistry.Get("sigah").Create(bits, settings.ToDictionary(s => s.Name, s => s.Value))).Options;

    [Fact]
    public void Settings_by_name_set_their_properties_and_leave_the_rest_at_their_defaults()
    {
        var options = ByName(16, ("knn", "20"), ("depth", "200"), ("lr", "3e-4"), ("schedule", "cosine"), ("standardise", "0"), ("start", "SGH"), ("target", "cosine"));
        Assert.Equal(new SigahOptions
        {
            Bits = 16, NearestCount = 20, NeighbourDepth = 200, LearningRate = 3e-4, CosineSchedule = true, Standardise = false,
            Start = SigahStart.Sgh, Target = AffinityTarget.Cosine,
        }, options);
    }

    [Fact]
    public void Settings_by_name_that_do_not_exist_or_do_not_parse_are_setting_errors_quoting_them()
    {
        var sigah = HasherRegistry.Get("sigah");
        Assert.Equal("'epoch' is not a setting of method 'sigah'",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["epoch"] = "3" })).Message);
        Assert.Equal("'decoder=lista' is not one of ista, mlp",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["decoder"] = "lista" })).Message);
        Assert.Equal("'schedule=Cosine' is not one of constant, cosine",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["schedule"] = "Cosine" })).Message);
        Assert.Equal("standardise=2 must be 0 or 1",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["standardise"] = "2" })).Message);
        Assert.Equal("'epochs=1e9' is not a valid value",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["epochs"] = "1e9" })).Message);
        Assert.Equal("'epochs=9999999999' is out of range",
            Assert.Throws<SettingException>(() => sigah.Create(8, new Dictionary<string, string> { ["epochs"] = "9999999999" })).Message);
        var range = Assert.Throws<OptionOutOfRangeException>(() => sigah.Create(8, new Dictionary<string, string> { ["lr"] = "0" }));
        Assert.Equal((nameof(SigahOptions.LearningRate), "must be positive"), (range.ParamName, range.Requirement));
    }

    [Theory]
    [InlineData("max-steps", "10", nameof(SigahOptions.MaxSteps), nameof(SigahOptions.MinSteps))]
    [InlineData("depth", "50", nameof(SigahOptions.NeighbourDepth), nameof(SigahOptions.NearestCount))]
    [InlineData("hidden", "16", nameof(SigahOptions.Hidden), nameof(SigahOptions.Bits))]
    public void Settings_that_contradict_another_name_it(string name, string value, string property, string other)
    {
        var values = new Dictionary<string, string> { [name] = value, ["start"] = "itq" };
        var e = Assert.Throws<OptionOutOfRangeException>(() => HasherRegistry.Get("sigah").Create(16, values));
        Assert.Equal(property, e.ParamName);
        Assert.Contains(other, e.Related);
    }
}
