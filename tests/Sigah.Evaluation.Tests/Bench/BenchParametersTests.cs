using System.Text.Json;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;
using Sigah.Hashing;
using Sigah.Hashing.Linear;

namespace Sigah.Evaluation.Tests.Bench;

public class BenchParametersTests
{
    /// <summary>Options of <see cref="Probe"/>: a level, 0 by default.</summary>
    private sealed record ProbeOptions : HasherOptions
    {
        public int Level { get; init; }
    }

    /// <summary>A constant-code method with the setting <c>level</c>, which records each level it was built with.</summary>
    private static HasherInfo Probe(string name, List<int> levels) => new(name, "records its level (test only)",
        new HasherSettings<ProbeOptions>(bits => new() { Bits = bits }, o =>
        {
            levels.Add(o.Level);
            return new ConstantHasher(o.Bits);
        }).WholeNumber("level", nameof(ProbeOptions.Level), (o, v) => o with { Level = v }), ConstantHasher.Info.Load);

    private static BenchParameters Settings(string method, string name, string value) =>
        new(new Dictionary<string, IReadOnlyDictionary<string, string>> { [method] = new Dictionary<string, string> { [name] = value } });

    [Fact]
    public void A_setting_reaches_its_own_method_only()
    {
        List<int> first = [], second = [];
        HasherInfo[] methods = [Probe("probe-a", first), Probe("probe-b", second)];
        var settings = new BenchSettings { Bits = [8, 16], Seeds = [0, 1], Parameters = Settings("probe-a", "level", "5") };

        BenchRunner.Run(ClusteredProblem.Create(), methods, settings, NullProgress.Instance);

        Assert.Equal([5, 5, 5, 5, 5], first); // the check before any training, then 2 code lengths × 2 seeds
        Assert.Equal([0, 0, 0, 0], second);
    }

    [Fact]
    public void Settings_are_kept_per_method_and_reported_under_the_tables_and_in_the_json()
    {
        var parameters = new BenchParameters(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["itq"] = new Dictionary<string, string> { ["iterations"] = "20" },
            ["lsh"] = new Dictionary<string, string>(),
        });
        Assert.Equal(new Dictionary<string, string> { ["iterations"] = "20" }, parameters.For("itq"));
        Assert.Empty(parameters.For("lsh"));
        Assert.Empty(parameters.For("sigah"));
        Assert.False(parameters.IsEmpty);
        Assert.True(new BenchParameters(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["lsh"] = new Dictionary<string, string>() }).IsEmpty);

        var results = HandmadeResults.SingleSeed(new BenchParameters(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["beta"] = new Dictionary<string, string> { ["rounds"] = "3" },
            ["alpha"] = new Dictionary<string, string> { ["lr"] = "0.5", ["epochs"] = "2" },
        }));
        Assert.Contains("\nMethod settings (--param; everything else at its defaults):\n\n- alpha: epochs=2, lr=0.5\n- beta: rounds=3\n\nNot run (–):",
            MarkdownReport.Render(results), StringComparison.Ordinal);
        var json = JsonDocument.Parse(JsonReport.Render(results)).RootElement.GetProperty("params");
        Assert.Equal("""{"alpha":{"epochs":"2","lr":"0.5"},"beta":{"rounds":"3"}}""", JsonSerializer.Serialize(json));
    }

    [Theory]
    [InlineData("itq", "rounds", "2", "'rounds' is not a setting of method 'itq'")]
    [InlineData("lsh", "iterations", "2", "'iterations' is not a setting of method 'lsh'")]
    [InlineData("sigah", "epoch", "2", "'epoch' is not a setting of method 'sigah'")]
    [InlineData("itq", "iterations", "many", "'iterations=many' is not a valid value")]
    public void A_setting_the_method_does_not_have_or_cannot_read_is_thrown_before_training(string method, string name, string value, string message)
    {
        HasherInfo[] methods = [HasherRegistry.Get(method)];
        var parameters = Settings(method, name, value);
        Assert.Equal(message, Assert.Throws<SettingException>(() => parameters.Check(methods, 16)).Message);
        // The runner checks before it trains, and throws instead of recording the method as skipped.
        var settings = new BenchSettings { Bits = [16], Parameters = parameters };
        Assert.Equal(message, Assert.Throws<SettingException>(() => BenchRunner.Run(ClusteredProblem.Create(), methods, settings, NullProgress.Instance)).Message);
    }

    [Fact]
    public void A_value_the_method_refuses_is_thrown_before_training()
    {
        HasherInfo[] methods = [HasherRegistry.Get("itq")];
        var settings = new BenchSettings { Bits = [16], Parameters = Settings("itq", "iterations", "-1") };
        var e = Assert.Throws<OptionOutOfRangeException>(() => BenchRunner.Run(ClusteredProblem.Create(), methods, settings, NullProgress.Instance));
        Assert.Equal(nameof(ItqOptions.Iterations), e.ParamName);
    }
}
