using System.Text;
using Sigah.IO;

namespace Sigah.Evaluation.Bench;

/// <summary>Writes every output of a bench run into one directory, each file atomically.</summary>
public static class BenchReport
{
    /// <summary>Writes <c>results.json</c>, <c>results.csv</c>, <c>results.md</c> and the plots; returns the file names written.</summary>
    public static IReadOnlyList<string> WriteAll(BenchResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(directory);
        WriteText(Path.Combine(directory, "results.json"), JsonReport.Render(results));
        WriteText(Path.Combine(directory, "results.csv"), CsvReport.Render(results));
        WriteText(Path.Combine(directory, "results.md"), MarkdownReport.Render(results));
        return ["results.json", "results.csv", "results.md", .. BenchPlots.WriteAll(results, directory)];
    }

    private static void WriteText(string path, string text) => AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
}
