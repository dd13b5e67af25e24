using System.Text;
using System.Text.Json;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.json</c>: the protocol (dataset, sizes, ground truth, seed) and, per method × bits, the costs
/// and the full metrics object of <see cref="MetricsJson"/> (curves included, so plots can be redrawn).
/// </summary>
public static class JsonReport
{
    /// <summary>The whole file as indented JSON text.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", results.Dataset);
            w.WriteNumber("base", results.BaseCount);
            w.WriteNumber("training", results.TrainingCount);
            w.WriteNumber("queries", results.QueryCount);
            w.WriteNumber("dimension", results.Dimension);
            w.WriteString("ground_truth", results.GroundTruth);
            w.WriteNumber("seed", results.Seed);
            w.WriteStartArray("runs");
            foreach (var run in results.Runs)
            {
                w.WriteStartObject();
                w.WriteString("method", run.Method);
                w.WriteNumber("bits", run.Bits);
                w.WriteNumber("train_seconds", run.TrainSeconds);
                w.WriteNumber("encode_vectors_per_second", run.EncodeVectorsPerSecond);
                w.WriteNumber("search_seconds", run.SearchSeconds);
                w.WritePropertyName("metrics");
                MetricsJson.Write(w, run.Metrics);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var skip in results.Skipped)
            {
                w.WriteStartObject();
                w.WriteString("method", skip.Method);
                w.WriteNumber("bits", skip.Bits);
                w.WriteString("reason", skip.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
