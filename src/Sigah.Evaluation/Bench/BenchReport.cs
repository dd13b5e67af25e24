using System.Text;
using Sigah.Evaluation.Training;
using Sigah.Hashing;
using Sigah.IO;

namespace Sigah.Evaluation.Bench;

/// <summary>Writes every output of a bench run into one directory, each file atomically.</summary>
public static class BenchReport
{
    /// <summary>
    /// Writes <c>results.json</c>, <c>results.csv</c>, <c>results.md</c>, the plots, and the training curves of every run
    /// that has validation checks (<c>{method}-{bits}-seed{seed}-curves.csv</c> and <c>.png</c>); returns the file names written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(BenchResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(directory);
        WriteText(Path.Combine(directory, "results.json"), JsonReport.Render(results));
        WriteText(Path.Combine(directory, "results.csv"), CsvReport.Render(results));
        WriteText(Path.Combine(directory, "results.md"), MarkdownReport.Render(results));
        var written = new List<string> { "results.json", "results.csv", "results.md" };
        written.AddRange(BenchPlots.WriteAll(results, directory));
        foreach (var run in results.Runs.Where(r => r.Checks.Count > 0))
        {
            string prefix = $"{run.Method}-{run.Bits}-seed{run.Seed}-";
            TrainingCurves.Write(directory, run.Checks, $"{results.Dataset}: {run.Method}, {run.Bits} bits, seed {run.Seed}", prefix);
            written.AddRange([prefix + "curves.csv", prefix + "curves.png"]);
        }
        return written;
    }

    private static void WriteText(string path, string text) => AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
}
