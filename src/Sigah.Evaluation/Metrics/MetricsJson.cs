using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// The JSON form of <see cref="RetrievalMetrics"/> that <c>sigah eval</c> prints: the contract's keys
/// (<c>mAP</c>, <c>mAP_tie_avg</c>, <c>precision_at</c>, <c>recall_at</c> keyed by N, <c>precision_r2</c>,
/// <c>recall_r2</c>, <c>pr_auc</c>), <c>map_at</c> (K) and <c>mAP_at_k</c> when mAP@K was computed, plus the sizes and the per-radius curves (<c>precision_radius</c>,
/// <c>recall_radius</c>, indexed by r = 0..bits).
/// </summary>
internal static class MetricsJson
{
    /// <summary>Writes the metrics as one JSON object at the writer's current position.</summary>
    public static void Write(Utf8JsonWriter writer, RetrievalMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metrics);
        writer.WriteStartObject();
        writer.WriteNumber("mAP", metrics.MeanAveragePrecision);
        writer.WriteNumber("mAP_tie_avg", metrics.MeanAveragePrecisionTieAveraged);
        if (metrics is { MapAtK: { } k, MeanAveragePrecisionAtK: { } mapAtK })
        {
            writer.WriteNumber("map_at", k);
            writer.WriteNumber("mAP_at_k", mapAtK);
        }
        WriteByCutoff(writer, "precision_at", metrics.Cutoffs, metrics.PrecisionAt);
        WriteByCutoff(writer, "recall_at", metrics.Cutoffs, metrics.RecallAt);
        writer.WriteNumber("precision_r2", metrics.PrecisionR2);
        writer.WriteNumber("recall_r2", metrics.RecallR2);
        writer.WriteNumber("pr_auc", metrics.PrAuc);
        writer.WriteNumber("queries", metrics.Queries);
        writer.WriteNumber("base", metrics.BaseCount);
        writer.WriteNumber("bits", metrics.Bits);
        WriteArray(writer, "precision_radius", metrics.PrecisionWithinRadius);
        WriteArray(writer, "recall_radius", metrics.RecallWithinRadius);
        writer.WriteEndObject();
    }

    /// <summary>The metrics as an indented JSON object followed by a newline.</summary>
    public static string ToJson(RetrievalMetrics metrics)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(writer, metrics);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteByCutoff(Utf8JsonWriter writer, string name, IReadOnlyList<int> cutoffs, IReadOnlyList<double> values)
    {
        writer.WriteStartObject(name);
        for (int i = 0; i < cutoffs.Count; i++) writer.WriteNumber(cutoffs[i].ToString(CultureInfo.InvariantCulture), values[i]);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
