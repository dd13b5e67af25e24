using System.Text;
using System.Text.Json;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// <c>results.json</c>: the protocol (dataset, sizes, ground truth, <c>seed</c> = the first seed, <c>seeds</c>, and
/// <c>params</c>: method → name → value as given); <c>runs</c>, one per method × bits × seed with its <c>seed</c>, the
/// costs and the full metrics object of <see cref="MetricsJson"/> (curves included, so plots can be redrawn);
/// <c>aggregates</c>, one per method × bits with the number of <c>seeds</c> and a <c>mean</c> and a <c>std</c>
/// (sample standard deviation; <c>null</c> when one seed ran) of every number a run holds, in the run's shape;
/// and the runs <c>skipped</c>.
/// </summary>
internal static class JsonReport
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
            w.WriteString("blas", results.Blas);
            w.WriteNumber("seed", results.Seeds[0]);
            w.WriteStartArray("seeds");
            foreach (int seed in results.Seeds) w.WriteNumberValue(seed);
            w.WriteEndArray();
            WriteParameters(w, results);
            w.WriteStartArray("runs");
            foreach (var run in results.Runs)
            {
                w.WriteStartObject();
                w.WriteString("method", run.Method);
                w.WriteNumber("bits", run.Bits);
                w.WriteNumber("seed", run.Seed);
                WriteMeasurement(w, run.TrainSeconds, run.EncodeVectorsPerSecond, run.SearchSeconds, run.ValidationMap, run.Metrics);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("aggregates");
            foreach (var aggregate in results.Aggregates) WriteAggregate(w, aggregate);
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

    private static void WriteParameters(Utf8JsonWriter w, BenchResults results)
    {
        w.WriteStartObject("params");
        foreach (string method in results.Methods.Where(m => results.Parameters.For(m).Count > 0))
        {
            w.WriteStartObject(method);
            foreach (var (name, value) in results.Parameters.For(method).OrderBy(p => p.Key, StringComparer.Ordinal))
                w.WriteString(name, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteAggregate(Utf8JsonWriter w, BenchAggregate aggregate)
    {
        w.WriteStartObject();
        w.WriteString("method", aggregate.Method);
        w.WriteNumber("bits", aggregate.Bits);
        w.WriteNumber("seeds", aggregate.SeedCount);
        WriteStatistic(w, "mean", aggregate, SampleStatistics.Mean, aggregate.MeanMetrics);
        if (aggregate.MetricsStandardDeviation is { } deviation)
            WriteStatistic(w, "std", aggregate, SampleStatistics.StandardDeviation, deviation);
        else
            w.WriteNull("std");
        w.WriteEndObject();
    }

    /// <summary>An object <paramref name="name"/> in the shape of a run holding <paramref name="statistic"/> of each cost over the seeds.</summary>
    private static void WriteStatistic(Utf8JsonWriter w, string name, BenchAggregate aggregate,
        Func<IReadOnlyList<double>, double> statistic, RetrievalMetrics metrics)
    {
        double Of(Func<BenchRun, double> value) => statistic([.. aggregate.Runs.Select(value)]);
        w.WriteStartObject(name);
        WriteMeasurement(w, Of(r => r.TrainSeconds), Of(r => r.EncodeVectorsPerSecond), Of(r => r.SearchSeconds), Of(r => r.ValidationMap), metrics);
        w.WriteEndObject();
    }

    /// <summary>The costs and the metrics of a run, or of their mean or deviation, as properties of the open object.</summary>
    private static void WriteMeasurement(Utf8JsonWriter w, double trainSeconds, double encodeVectorsPerSecond, double searchSeconds,
        double validationMap, RetrievalMetrics metrics)
    {
        w.WriteNumber("train_seconds", trainSeconds);
        w.WriteNumber("encode_vectors_per_second", encodeVectorsPerSecond);
        w.WriteNumber("search_seconds", searchSeconds);
        // The held-out training rows' mAP is what settings are chosen on; methods that do not validate have none.
        if (double.IsNaN(validationMap)) w.WriteNull("validation_mAP");
        else w.WriteNumber("validation_mAP", validationMap);
        w.WritePropertyName("metrics");
        MetricsJson.Write(w, metrics);
    }
}
