using System.Globalization;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;

namespace Sigah.Cli.Tests;

public sealed class TrainEncodeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>Writes <paramref name="rows"/> × <paramref name="cols"/> seeded random vectors to an .fvecs file.</summary>
    private string WriteVectors(string name, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (float)(random.NextDouble() * (1 + i % cols));
        string path = Path(name);
        VectorFile.Write(path, m);
        return path;
    }

    private static void AssertUserError(CliResult result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {expected}\n", result.StdErr);
    }

    [Fact]
    public void Train_then_encode_writes_the_codes_the_library_gives()
    {
        string train = WriteVectors("train.fvecs", 300, 20, seed: 1);
        string queries = WriteVectors("queries.fvecs", 50, 20, seed: 2);

        var trained = CliHarness.Run("train", "--method", "itq", "--bits", "16", "--input", train, "--seed", "3", "--model", Path("itq.model"));
        Assert.Equal(0, trained.ExitCode);
        Assert.StartsWith("itq: 16 bits from 300 x 20 vectors in ", trained.StdOut, StringComparison.Ordinal);
        var encoded = CliHarness.Run("encode", "--model", Path("itq.model"), "--input", queries, "--output", Path("codes.npy"));
        Assert.Equal(0, encoded.ExitCode);

        var codes = CodesFile.Read(Path("codes.npy"));
        var expected = ModelFile.Load(Path("itq.model")).EncodeAll(VectorFile.Read(queries));
        Assert.Equal(16, codes.Bits);
        Assert.Equal(expected.Data, codes.Data);
    }

    [Fact]
    public void Curves_are_one_csv_row_per_check_with_a_named_header_and_a_plot()
    {
        string train = WriteVectors("train.fvecs", 600, 24, seed: 6);
        Directory.CreateDirectory(Path("curves"));
        string[] settings = ["min-steps=60", "max-steps=60", "hidden=64", "validation=100", "validation-k=20", "checks=3", "patience=10"];
        var trained = CliHarness.Run(["train", "--method", "sigah-paper", "--bits", "16", "--input", train, "--model", Path("paper.model"),
            "--curves", Path("curves"), .. settings.SelectMany(s => new[] { "--param", s })]);

        Assert.True(trained.ExitCode == 0, trained.StdErr);
        var lines = File.ReadAllLines(Path("curves/curves.csv"));
        Assert.Equal("step,neighbours,geometry,reconstruction,adversarial,consistency,discriminator,energy_real,energy_synthetic," +
            "cs_zero_fraction,balanced_bits,validation_map,learning_rate", lines[0]);
        Assert.Equal(["0", "20", "40", "60"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(2), l => Assert.True(double.Parse(l.Split(',')[8], CultureInfo.InvariantCulture) > 0, l));
        Assert.True(new FileInfo(Path("curves/curves.png")).Length > 1000);
        Assert.Equal("sigah-paper", ModelFile.Load(Path("paper.model")).Method);
    }

    [Fact]
    public void Curves_of_a_method_without_checks_are_refused_before_training()
    {
        string train = WriteVectors("train.fvecs", 100, 8, seed: 1);
        AssertUserError(CliHarness.Run("train", "--method", "itq", "--bits", "8", "--input", train, "--model", Path("m.model"), "--curves", _dir),
            "--curves: itq has no validation checks to write (sigah and sigah-paper have)");
        Assert.False(File.Exists(Path("m.model")));
    }

    [Fact]
    public void Same_seed_and_max_train_give_the_same_model_bytes_and_another_seed_another_subset()
    {
        string train = WriteVectors("train.fvecs", 400, 12, seed: 4);
        string[] Args(string seed, string model) =>
            ["train", "--method", "lsh", "--bits", "8", "--input", train, "--max-train", "100", "--seed", seed, "--model", Path(model)];

        Assert.Equal(0, CliHarness.Run(Args("7", "a.model")).ExitCode);
        Assert.Equal(0, CliHarness.Run(Args("7", "b.model")).ExitCode);
        var other = CliHarness.Run(Args("8", "c.model"));

        Assert.Equal(0, other.ExitCode);
        Assert.StartsWith("lsh: 8 bits from 100 x 12 vectors", other.StdOut, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path("a.model")), File.ReadAllBytes(Path("b.model")));
        Assert.NotEqual(File.ReadAllBytes(Path("a.model")), File.ReadAllBytes(Path("c.model")));
    }

    /// <summary>
    /// SiGAH fitted from code, with its typed options and the default context, gives the bytes <c>sigah train</c> writes
    /// with the same settings by name: the same validation split, checks, step-size decays and kept checkpoint. The
    /// settings shrink the run to seconds; fitted without validation the model differs, so the validation really ran.
    /// </summary>
    [Fact]
    public void Sigah_fitted_from_code_gives_the_model_bytes_train_writes()
    {
        string train = WriteVectors("train.fvecs", 600, 24, seed: 6);
        string[] settings = ["min-steps=60", "max-steps=60", "hidden=64", "anchors=300", "knn=20", "depth=200", "validation=100", "validation-k=20", "checks=4"];
        var trained = CliHarness.Run(["train", "--method", "sigah", "--bits", "16", "--input", train, "--model", Path("cli.model"),
            .. settings.SelectMany(s => new[] { "--param", s })]);
        Assert.True(trained.ExitCode == 0, trained.StdErr);

        var hasher = new SigahHasher(new SigahOptions
        {
            Bits = 16, MinSteps = 60, MaxSteps = 60, Hidden = 64, Anchors = 300, NearestCount = 20, NeighbourDepth = 200,
            ValidationQueries = 100, ValidationK = 20, Checks = 4,
        });
        var data = VectorFile.Read(train);
        byte[] fromCode = ModelFile.ToBytes(hasher.Fit(data));
        Assert.Equal(File.ReadAllBytes(Path("cli.model")), fromCode);
        Assert.NotEqual(fromCode, ModelFile.ToBytes(hasher.Fit(data, new TrainingContext { ValidationMetric = null })));
    }

    [Fact]
    public void Bad_train_options_are_one_line_user_errors()
    {
        string train = WriteVectors("train.fvecs", 50, 20, seed: 5);
        string[] Train(string method, string bits, params string[] extra) =>
            ["train", "--method", method, "--bits", bits, "--input", train, "--model", Path("m.model"), .. extra];

        AssertUserError(CliHarness.Run(Train("itq", "12")), "--bits: 12 is not a positive multiple of 8 up to 4096");
        AssertUserError(CliHarness.Run(Train("pcah", "32")),
            "--bits: pcah gives at most one bit per input dimension, so 32 bits need at least 32-dimensional input (got 20)");
        AssertUserError(CliHarness.Run(Train("itq", "8", "--param", "iteration=3")), "--param: 'iteration' is not a setting of method 'itq'");
        AssertUserError(CliHarness.Run(Train("itq", "8", "--param", "iterations")), "--param: 'iterations' is not name=value");
        AssertUserError(CliHarness.Run(Train("lsh", "8", "--max-train", "0")), "--max-train: 0 must be at least 1");
        var unknown = CliHarness.Run(Train("nope", "8"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("error: --method: unknown method 'nope' (known: lsh, pcah, itq", unknown.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path("m.model")));
    }

    [Fact]
    public void Encoding_vectors_of_another_dimension_is_a_one_line_user_error()
    {
        string train = WriteVectors("train.fvecs", 60, 20, seed: 6);
        string other = WriteVectors("other.fvecs", 5, 10, seed: 7);
        Assert.Equal(0, CliHarness.Run("train", "--method", "lsh", "--bits", "8", "--input", train, "--model", Path("p.model")).ExitCode);

        AssertUserError(CliHarness.Run("encode", "--model", Path("p.model"), "--input", other, "--output", Path("codes.npy")),
            "other.fvecs: vectors have dimension 10, the model expects 20");
        Assert.False(File.Exists(Path("codes.npy")));
    }

    [Fact]
    public void Mat_inputs_are_chosen_by_var_or_by_colon_and_train_as_the_same_rows()
    {
        string mat = System.IO.Path.Combine(CliHarness.RepositoryRoot, "tests/Sigah.Core.Tests/Files/mat/v5-zlib.mat");
        VectorFile.Write(Path("tall.npy"), VectorFile.Read(mat + ":tall"));
        Assert.Equal(0, CliHarness.Run("train", "--method", "lsh", "--bits", "8", "--input", mat, "--var", "tall", "--model", Path("a.model")).ExitCode);
        Assert.Equal(0, CliHarness.Run("train", "--method", "lsh", "--bits", "8", "--input", Path("tall.npy"), "--model", Path("b.model")).ExitCode);
        Assert.Equal(0, CliHarness.Run("encode", "--model", Path("a.model"), "--input", mat + ":tall", "--output", Path("a.npy")).ExitCode);
        Assert.Equal(0, CliHarness.Run("encode", "--model", Path("b.model"), "--input", mat, "--var", "tall", "--output", Path("b.npy")).ExitCode);
        Assert.Equal(System.IO.File.ReadAllBytes(Path("b.npy")), System.IO.File.ReadAllBytes(Path("a.npy")));
        Assert.Equal(300, CodesFile.Read(Path("a.npy")).Count);

        AssertUserError(CliHarness.Run("train", "--method", "lsh", "--bits", "8", "--input", mat, "--model", Path("c.model")),
            "v5-zlib.mat: holds several matrices (f64, f32, i1, i2, i4, i8, u1, u2, u4, u8, tall, labels_col, labels_row, labels_frac, logical, empty); name one as v5-zlib.mat:NAME or with --var NAME");
        AssertUserError(CliHarness.Run("encode", "--model", Path("a.model"), "--input", Path("tall.npy"), "--var", "tall", "--output", Path("c.npy")),
            "--var: tall.npy is not a .mat file");
        AssertUserError(CliHarness.Run("encode", "--model", Path("a.model"), "--input", mat + ":tall", "--var", "f64", "--output", Path("c.npy")),
            "--var: v5-zlib.mat:tall already names a variable");
        AssertUserError(CliHarness.Run("encode", "--model", Path("a.model"), "--input", mat, "--var", "nope", "--output", Path("c.npy")),
            "v5-zlib.mat: no variable 'nope' (has: f64, f32, i1, i2, i4, i8, u1, u2, u4, u8, tall, labels_col, labels_row, labels_frac, logical, empty, text, cell, st, cplx, ... 2 more)");
    }
}
