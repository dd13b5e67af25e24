using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.AnchorGraphHashing;
using Sigah.Hashing.Linear;
using Sigah.Hashing.Spectral;
using Sigah.Hashing.Spherical;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Hashing.Tests.Conformance;

/// <summary>
/// What every registered hasher must do, run for each entry of <see cref="HasherRegistry.All"/> (methods added
/// later are covered without touching this file): fit on real data, give codes of the right width with no dead
/// bits, encode deterministically and independently of batching, survive a save/load unchanged, reproduce its
/// model bytes from the same seed (and change them with another seed exactly when registered as stochastic),
/// and reject bad input with the contract's one-line errors.
/// </summary>
[Collection(nameof(BlasThreadStateCollection))]
public sealed class HasherConformanceTests(ConformanceData data) : IClassFixture<ConformanceData>
{
    public static TheoryData<string> Methods => new(HasherRegistry.All.Select(h => h.Method));

    [Theory, MemberData(nameof(Methods))]
    public void Model_reports_its_method_dimension_and_width(string method)
    {
        var model = data.Model(method);
        Assert.Equal(method, model.Method);
        Assert.Equal(784, model.Dimension);
        Assert.Equal(ConformanceData.Bits, model.Bits);
        var codes = model.EncodeAll(data.Queries);
        Assert.Equal(data.Queries.Rows, codes.Count);
        Assert.Equal(ConformanceData.Bits, codes.Bits);
    }

    /// <summary>
    /// Every bit is 1 for between 3 % and 97 % of unseen vectors: a bit that is (almost) constant carries no
    /// information, which is what a wrong sign, threshold or mean would produce. The bound is loose because
    /// methods balance bits only on their training data and only approximately: spectral hashing's
    /// higher-frequency bits assume a uniform spread along skewed principal directions (here its k = 2 mode
    /// on the 8th direction is 1 for 6 % of the training rows and 4.6 % of the queries, exactly as the
    /// authors' algorithm gives in numpy).
    /// </summary>
    [Theory, MemberData(nameof(Methods))]
    public void Every_bit_is_balanced_within_reason(string method)
    {
        var codes = data.Model(method).EncodeAll(data.Queries);
        for (int bit = 0; bit < codes.Bits; bit++)
        {
            int ones = 0;
            for (int i = 0; i < codes.Count; i++) ones += codes.GetBit(i, bit) ? 1 : 0;
            double mean = ones / (double)codes.Count;
            Assert.True(mean is >= 0.03 and <= 0.97, $"{method}: bit {bit} is 1 for {mean:P1} of the queries");
        }
    }

    [Theory, MemberData(nameof(Methods))]
    public void Encoding_is_deterministic_and_independent_of_batch_size(string method)
    {
        var model = data.Model(method);
        var whole = model.EncodeAll(data.Queries);
        Assert.Equal(whole.Data, model.EncodeAll(data.Queries).Data);

        const int batch = 7;
        int d = model.Dimension, bytes = model.Bits / 8, n = data.Queries.Rows;
        var batched = new byte[n * bytes];
        for (int start = 0; start < n; start += batch)
        {
            int count = Math.Min(batch, n - start);
            model.Encode(data.Queries.Data.AsSpan(start * d, count * d), count, batched.AsSpan(start * bytes, count * bytes));
        }
        Assert.Equal(whole.Data, batched);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Saved_and_loaded_model_gives_identical_codes_and_bytes(string method)
    {
        var model = data.Model(method);
        byte[] bytes = ModelFile.ToBytes(model);
        var loaded = ModelFile.FromBytes(bytes, "model.sigah");

        Assert.Equal(model.Method, loaded.Method);
        Assert.Equal(model.EncodeAll(data.Queries).Data, loaded.EncodeAll(data.Queries).Data);
        Assert.Equal(bytes, ModelFile.ToBytes(loaded));
    }

    [Theory, MemberData(nameof(Methods))]
    public void Same_seed_gives_identical_model_bytes(string method)
    {
        var again = ConformanceData.Fit(method, data.Train, ConformanceData.Seed);
        Assert.Equal(ModelFile.ToBytes(data.Model(method)), ModelFile.ToBytes(again));
    }

    /// <summary>
    /// <see cref="HasherInfo.Stochastic"/> tells the truth: another seed changes the model bytes of a stochastic
    /// method and leaves those of a deterministic one as they were (<c>bench --seeds</c> trains the latter once).
    /// </summary>
    [Theory, MemberData(nameof(Methods))]
    public void Another_seed_changes_the_model_exactly_when_the_method_is_stochastic(string method)
    {
        var other = ConformanceData.Fit(method, data.Train, ConformanceData.Seed + 1);
        bool unchanged = ModelFile.ToBytes(data.Model(method)).AsSpan().SequenceEqual(ModelFile.ToBytes(other));
        Assert.Equal(!HasherRegistry.Get(method).Stochastic, unchanged);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Encoding_vectors_of_the_wrong_dimension_is_a_one_line_user_error(string method)
    {
        var wrong = new FloatMatrix(3, 783);
        var error = Assert.Throws<UserInputException>(() => data.Model(method).EncodeAll(wrong, "queries.fvecs"));
        Assert.Equal("queries.fvecs: vectors have dimension 783, the model expects 784", error.Message);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Encoding_a_row_with_NaN_is_a_one_line_user_error(string method)
    {
        var queries = data.Queries.SelectRows([0, 1, 2, 3, 4]);
        queries.Row(3)[100] = float.NaN;
        var error = Assert.Throws<UserInputException>(() => data.Model(method).EncodeAll(queries, "queries.fvecs"));
        Assert.Equal("queries.fvecs: row 3 has a non-finite value", error.Message);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Training_on_a_row_with_NaN_or_infinity_is_a_one_line_user_error_naming_the_input(string method)
    {
        var rows = Enumerable.Range(0, 300).ToArray();
        var train = data.Train.SelectRows(rows);
        train.Row(17)[5] = float.NaN;
        train.Row(40)[6] = float.PositiveInfinity;
        var hasher = HasherRegistry.Get(method).Create(ConformanceData.Bits);

        var error = Assert.Throws<UserInputException>(() => hasher.Fit(train, new TrainingContext { InputName = "train.fvecs" }));
        Assert.Equal("train.fvecs: row 17 has a non-finite value", error.Message);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Bits_that_are_not_a_multiple_of_8_are_an_option_error_naming_bits(string method)
    {
        var error = Assert.Throws<OptionOutOfRangeException>(() => HasherRegistry.Get(method).Create(12));
        Assert.Equal(nameof(HasherOptions.Bits), error.ParamName);
        Assert.Equal(12, error.ActualValue);
        Assert.Empty(error.Related);
    }

    /// <summary>
    /// For each method, its options with one value out of range, and the property that value belongs to: the method's
    /// own setting where it has one, the code length otherwise.
    /// </summary>
    public static TheoryData<string, HasherOptions, string> OutOfRange => new()
    {
        { "lsh", new LshOptions { Bits = 0 }, nameof(HasherOptions.Bits) },
        { "pcah", new PcahOptions { Bits = 12 }, nameof(HasherOptions.Bits) },
        { "itq", new ItqOptions { Bits = 16, Iterations = -1 }, nameof(ItqOptions.Iterations) },
        { "sh", new SpectralOptions { Bits = 4104 }, nameof(HasherOptions.Bits) },
        { "sph", new SphericalOptions { Bits = 16, EpsilonStd = double.NaN }, nameof(SphericalOptions.EpsilonStd) },
        { "agh", new AnchorGraphOptions { Bits = 16, KMeansIterations = -1 }, nameof(AnchorGraphOptions.KMeansIterations) },
        { "sgh", new StochasticGenerativeOptions { Bits = 16, LearningRate = 0 }, nameof(StochasticGenerativeOptions.LearningRate) },
        { "sigah", new SigahOptions { Bits = 16, LearningRateDecay = 1.5 }, nameof(SigahOptions.LearningRateDecay) },
        { "sigah-paper", SigahOptions.Paper(16) with { AdversarialWeight = -1 }, nameof(SigahOptions.AdversarialWeight) },
    };

    [Fact]
    public void Every_method_has_an_out_of_range_case() =>
        Assert.Equal(HasherRegistry.All.Select(h => h.Method), OutOfRange.Select(row => (string)row[0]));

    /// <summary>
    /// Validate names the property at fault as the parameter, in a message of the library's own (no command-line flag),
    /// and the method's hasher refuses the same options when it is built.
    /// </summary>
    [Theory, MemberData(nameof(OutOfRange))]
    public void Validate_rejects_a_value_out_of_range_naming_its_property(string method, HasherOptions options, string property)
    {
        var error = Assert.Throws<OptionOutOfRangeException>(options.Validate);
        Assert.Equal(property, error.ParamName);
        Assert.Same(options, error.Options);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
        var settings = HasherRegistry.Get(method).Settings;
        Assert.Equal(property, Assert.Throws<OptionOutOfRangeException>(() => Build(options)).ParamName);
        Assert.True(property == nameof(HasherOptions.Bits) || settings.NameOf(property) is not null, $"{method}: no setting name for {property}");
    }

    /// <summary>
    /// More bits than input dimensions: a method that can make them must give valid codes; one that cannot (PCA
    /// based) must say so with a <see cref="CodeLengthException"/> about the code length, not fail inside the numerics.
    /// </summary>
    [Theory, MemberData(nameof(Methods))]
    public void More_bits_than_dimensions_gives_valid_codes_or_a_one_line_bits_error(string method)
    {
        const int d = 16, bits = 32;
        var narrow = new FloatMatrix(600, d);
        for (int i = 0; i < narrow.Rows; i++) data.Train.Row(i).Slice(300, d).CopyTo(narrow.Row(i));
        IHashModel model;
        try
        {
            model = ConformanceData.Fit(method, narrow, seed: 1, bits);
        }
        catch (CodeLengthException e)
        {
            Assert.Equal(bits, e.Bits);
            Assert.Equal(CodeLengthLimit.InputDimension, e.Limit);
            Assert.DoesNotContain('\n', e.Message);
            return;
        }
        Assert.Equal(bits, model.Bits);
        Assert.Equal(narrow.Rows, model.EncodeAll(narrow).Count);
    }

    private static IHasher Build(HasherOptions options) => options switch
    {
        LshOptions o => new LshHasher(o),
        PcahOptions o => new PcahHasher(o),
        ItqOptions o => new ItqHasher(o),
        SpectralOptions o => new SpectralHasher(o),
        SphericalOptions o => new SphericalHasher(o),
        AnchorGraphOptions o => new AnchorGraphHasher(o),
        StochasticGenerativeOptions o => new StochasticGenerativeHasher(o),
        SigahOptions o => new SigahHasher(o),
        _ => throw new ArgumentException($"no hasher for {options.GetType().Name}", nameof(options)),
    };
}
