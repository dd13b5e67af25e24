using Sigah.IO;
using ScottPlot;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// The PNG plots of a bench run, drawn with ScottPlot and written atomically: per code length a
/// precision–recall curve by Hamming radius (<c>pr-{bits}.png</c>) and a recall@N curve
/// (<c>recall-at-n-{bits}.png</c>), one line per method; and mAP against code length (<c>map-vs-bits.png</c>).
/// Where several seeds ran, every line is drawn through the means over the seeds.
/// </summary>
internal static class BenchPlots
{
    private const int Width = 800, Height = 560;

    /// <summary>Writes every plot into <paramref name="directory"/> and returns the file names written.</summary>
    public static IReadOnlyList<string> WriteAll(BenchResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        var written = new List<string>();
        foreach (int bits in results.Bits)
        {
            Save(PrecisionRecall(results, bits), Path.Combine(directory, $"pr-{bits}.png"), written);
            Save(RecallAtN(results, bits), Path.Combine(directory, $"recall-at-n-{bits}.png"), written);
        }
        Save(MapVersusBits(results), Path.Combine(directory, "map-vs-bits.png"), written);
        return written;
    }

    /// <summary>Precision against recall, one point per Hamming radius 0..bits, one line per method.</summary>
    public static Plot PrecisionRecall(BenchResults results, int bits)
    {
        var plot = NewPlot($"{results.Dataset}, {bits} bits: precision–recall by Hamming radius", "Recall", "Precision", Alignment.UpperRight);
        foreach (var aggregate in AggregatesAt(results, bits))
            AddLine(plot, [.. aggregate.MeanMetrics.RecallWithinRadius], [.. aggregate.MeanMetrics.PrecisionWithinRadius], aggregate.Method);
        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot;
    }

    /// <summary>Recall@N against N on a log axis, one line per method.</summary>
    public static Plot RecallAtN(BenchResults results, int bits)
    {
        var plot = NewPlot($"{results.Dataset}, {bits} bits: recall@N", "N (retrieved items, log scale)", "Recall", Alignment.LowerRight);
        foreach (var aggregate in AggregatesAt(results, bits))
            AddLine(plot, [.. aggregate.MeanMetrics.Cutoffs.Select(n => Math.Log10(n))], [.. aggregate.MeanMetrics.RecallAt], aggregate.Method);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimits(-0.1, Math.Log10(results.BaseCount) + 0.1, 0, 1);
        return plot;
    }

    /// <summary>mAP (ties by smaller index) against code length, one line per method.</summary>
    public static Plot MapVersusBits(BenchResults results)
    {
        var plot = NewPlot($"{results.Dataset}: mAP vs code length", "Bits (log scale)", "mAP", Alignment.UpperLeft);
        foreach (string method in results.Methods)
        {
            var aggregates = results.Aggregates.Where(a => a.Method == method).OrderBy(a => a.Bits).ToList();
            AddLine(plot, [.. aggregates.Select(a => Math.Log2(a.Bits))], [.. aggregates.Select(a => a.MeanMetrics.MeanAveragePrecision)], method);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. results.Bits.Select(b => Math.Log2(b))], [.. results.Bits.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsX(Math.Log2(results.Bits.Min()) - 0.25, Math.Log2(results.Bits.Max()) + 0.25);
        plot.Axes.SetLimitsY(0, Math.Max(0.05, results.Aggregates.Select(a => a.MeanMetrics.MeanAveragePrecision).DefaultIfEmpty(0).Max() * 1.1));
        return plot;
    }

    private static IEnumerable<BenchAggregate> AggregatesAt(BenchResults results, int bits) =>
        results.Methods.Select(m => results.Aggregate(m, bits)).OfType<BenchAggregate>();

    private static Plot NewPlot(string title, string x, string y, Alignment legend)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(legend);
        return plot;
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 5;
    }

    private static void Save(Plot plot, string path, List<string> written)
    {
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, s => s.Write(png));
        written.Add(Path.GetFileName(path));
    }
}
