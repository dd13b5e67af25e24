using System.Text.Json;
using Sigah.Evaluation.Bench;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>
/// A run with one seed reports exactly what it reported before <c>--seeds</c> existed: the files under <c>Files/</c>
/// were written from <see cref="HandmadeResults.SingleSeed"/> by the reports of that time.
/// </summary>
public class SingleSeedOutputTests
{
    private static string Before(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Files", file));

    [Fact]
    public void Markdown_is_unchanged() =>
        Assert.Equal(Before("single-seed-results.md"), MarkdownReport.Render(HandmadeResults.SingleSeed()));

    [Fact]
    public void Csv_is_unchanged() =>
        Assert.Equal(Before("single-seed-results.csv"), CsvReport.Render(HandmadeResults.SingleSeed()));

    [Fact]
    public void Json_keeps_every_field_with_its_value_and_only_adds_new_ones()
    {
        var before = JsonDocument.Parse(Before("single-seed-results.json")).RootElement;
        var now = JsonDocument.Parse(JsonReport.Render(HandmadeResults.SingleSeed())).RootElement;
        AssertContains(before, now, "$");
        Assert.Equal(5, now.GetProperty("runs")[0].GetProperty("seed").GetInt32());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("aggregates")[0].GetProperty("std").ValueKind);
    }

    /// <summary>Every property of <paramref name="expected"/> is in <paramref name="actual"/> with the same value, recursively; arrays match element by element.</summary>
    private static void AssertContains(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} became {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is gone");
                    AssertContains(property.Value, value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: length changed");
                for (int i = 0; i < expected.GetArrayLength(); i++) AssertContains(expected[i], actual[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: {expected.GetRawText()} became {actual.GetRawText()}");
                break;
        }
    }
}
