using System.Text.Json;
using Sigah.Core;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;
using Sigah.Hashing;

namespace Sigah.Evaluation.Tests.Bench;

public class BenchParametersTests
{
    private static readonly IReadOnlyList<HasherInfo> LshAndItq = [HasherRegistry.Get("lsh"), HasherRegistry.Get("itq")];

    /// <summary>A constant-code method that reads the setting <c>level</c> (default 0) and records each value it was built with.</summary>
    private static HasherInfo Probe(string name, List<int> levels) => new(name, "records its level (test only)", o =>
    {
        levels.Add(o.GetInt("level", 0));
        return new ConstantHasher(o.Bits);
    }, ConstantHasher.Info.Load);

    [Fact]
    public void A_setting_reaches_its_own_method_only()
    {
        List<int> first = [], second = [];
        HasherInfo[] methods = [Probe("probe-a", first), Probe("probe-b", second)];
        var settings = new BenchSettings { Bits = [8, 16], Seeds = [0, 1], Parameters = BenchParameters.Parse(["probe-a.level=5"], methods) };

        BenchRunner.Run(ClusteredProblem.Create(), methods, settings, NullProgress.Instance);

        Assert.Equal([5, 5, 5, 5, 5], first); // the check before any training, then 2 code lengths × 2 seeds
        Assert.Equal([0, 0, 0, 0], second);
    }

    [Fact]
    public void Settings_are_kept_per_method_and_reported_under_the_tables_and_in_the_json()
    {
        var parameters = BenchParameters.Parse(["itq.iterations=20", "lsh.x=1", "itq.a=b=c"], LshAndItq);
        Assert.Equal(new Dictionary<string, string> { ["iterations"] = "20", ["a"] = "b=c" }, parameters.For("itq"));
        Assert.Equal(new Dictionary<string, string> { ["x"] = "1" }, parameters.For("lsh"));
        Assert.Empty(parameters.For("sigah"));

        var results = HandmadeResults.SingleSeed(
            BenchParameters.Parse(["beta.rounds=3", "alpha.lr=0.5", "alpha.epochs=2"], [Probe("alpha", []), Probe("beta", [])]));
        Assert.Contains("\nMethod settings (--param; everything else at its defaults):\n\n- alpha: epochs=2, lr=0.5\n- beta: rounds=3\n\nNot run (–):",
            MarkdownReport.Render(results), StringComparison.Ordinal);
        var json = JsonDocument.Parse(JsonReport.Render(results)).RootElement.GetProperty("params");
        Assert.Equal("""{"alpha":{"epochs":"2","lr":"0.5"},"beta":{"rounds":"3"}}""", JsonSerializer.Serialize(json));
    }

    [Theory]
    [InlineData("iterations=20", "--param: 'iterations=20' does not name its method; write method.name=value (e.g. sigah.epochs=2)")]
    [InlineData("itq.iterations", "--param: 'itq.iterations' is not method.name=value")]
    [InlineData("itq.=3", "--param: 'itq.=3' is not method.name=value")]
    [InlineData(".iterations=3", "--param: '.iterations=3' is not method.name=value")]
    [InlineData("sigah.epochs=2", "--param: unknown method 'sigah' in 'sigah.epochs=2' (methods run: lsh, itq)")]
    [InlineData("nope.epochs=2", "--param: unknown method 'nope' in 'nope.epochs=2' (methods run: lsh, itq)")]
    public void A_token_that_is_not_a_setting_of_a_method_being_run_is_a_one_line_user_error(string token, string message)
    {
        var e = Assert.Throws<UserInputException>(() => BenchParameters.Parse([token], LshAndItq));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_setting_given_twice_is_a_user_error()
    {
        var e = Assert.Throws<UserInputException>(() => BenchParameters.Parse(["itq.iterations=2", "lsh.x=1", "itq.iterations=3"], LshAndItq));
        Assert.Equal("--param: 'itq.iterations' is given twice", e.Message);
    }

    [Theory]
    [InlineData("itq", "itq.rounds=2", "--param: 'rounds' is not a setting of method 'itq'")]
    [InlineData("lsh", "lsh.iterations=2", "--param: 'iterations' is not a setting of method 'lsh'")]
    [InlineData("sigah", "sigah.epoch=2", "--param: 'epoch' is not a setting of method 'sigah'")]
    [InlineData("itq", "itq.iterations=many", "--param: 'iterations=many' is not a valid value")]
    public void A_setting_the_method_does_not_have_or_refuses_is_a_user_error_before_training(string method, string token, string message)
    {
        HasherInfo[] methods = [HasherRegistry.Get(method)];
        var parameters = BenchParameters.Parse([token], methods);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => parameters.Check(methods, 16)).Message);
        // The runner checks before it trains, and throws instead of recording the method as skipped.
        var settings = new BenchSettings { Bits = [16], Parameters = parameters };
        Assert.Equal(message, Assert.Throws<UserInputException>(() => BenchRunner.Run(ClusteredProblem.Create(), methods, settings, NullProgress.Instance)).Message);
    }
}
