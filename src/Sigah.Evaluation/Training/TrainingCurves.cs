using System.Globalization;
using System.Text;
using ScottPlot;
using Sigah.Hashing;
using Sigah.IO;

namespace Sigah.Evaluation.Training;

/// <summary>
/// A training run's checks as <c>curves.csv</c> (one row per check: <c>step</c>, then every measurement by name; an
/// empty cell where the run has no such part) and <c>curves.png</c> (the game and validation mAP against the step),
/// both written atomically.
/// </summary>
internal static class TrainingCurves
{
    private const int Width = 900, Height = 560;

    /// <summary>The plotted columns: the adversarial game, the synthesis and the codes' quality.</summary>
    private static readonly string[] Plotted = ["energy_real", "energy_synthetic", "reconstruction", "consistency", "cs_zero_fraction", "balanced_bits", "validation_map"];

    /// <summary>Writes <c>{prefix}curves.csv</c> and <c>{prefix}curves.png</c> into <paramref name="directory"/> (which must exist).</summary>
    public static void Write(string directory, IReadOnlyList<TrainingCheck> checks, string title, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(checks);
        string csv = ToCsv(checks);
        AtomicFile.Write(Path.Combine(directory, prefix + "curves.csv"), s => s.Write(Encoding.UTF8.GetBytes(csv)));
        byte[] png = Plot(checks, title).GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(Path.Combine(directory, prefix + "curves.png"), s => s.Write(png));
    }

    /// <summary>The CSV text: a header naming each column, then one line per check (invariant culture, NaN as an empty cell).</summary>
    public static string ToCsv(IReadOnlyList<TrainingCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var text = new StringBuilder("step");
        if (checks.Count > 0)
            foreach (var (name, _) in checks[0].Values) text.Append(',').Append(name);
        text.Append('\n');
        foreach (var check in checks)
        {
            text.Append(check.Step.ToString(CultureInfo.InvariantCulture));
            foreach (var (_, value) in check.Values)
                text.Append(',').Append(double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static Plot Plot(IReadOnlyList<TrainingCheck> checks, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Step");
        plot.YLabel("Value");
        plot.ShowLegend(Alignment.UpperRight);
        double[] steps = [.. checks.Select(c => (double)c.Step)];
        foreach (string column in Plotted)
        {
            var points = checks.Select((c, i) => (X: steps[i], Y: c.Values.FirstOrDefault(v => v.Name == column).Value))
                .Where(p => double.IsFinite(p.Y)).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = column;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        return plot;
    }
}
