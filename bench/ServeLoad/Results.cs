using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sigah.Bench.ServeLoad;

/// <summary>
/// One level's measurements. Latencies are from sending a request to having its whole answer, in milliseconds, over
/// every completed request (searches and writes); the search-only and write-only percentiles are given too.
/// </summary>
internal sealed record LevelResult(string Target, int Concurrency, int Requests, int Writes, int Errors, string? FirstError, double Seconds,
    bool StoppedByTimeLimit, double RequestsPerSecond, double P50, double P95, double P99, double Max, double SearchP50, double SearchP99,
    double WriteP50, double WriteP99, string LoadAverage)
{
    public static LevelResult From(string target, int concurrency, ReadOnlySpan<long> ticks, ReadOnlySpan<bool> isWrite, double seconds,
        bool timedOut, int errors, string? firstError, string loadAverage)
    {
        var all = new double[ticks.Length];
        var searches = new List<double>(ticks.Length);
        var writes = new List<double>();
        for (int i = 0; i < ticks.Length; i++)
        {
            all[i] = ticks[i] * 1000.0 / Stopwatch.Frequency;
            (isWrite[i] ? writes : searches).Add(all[i]);
        }
        Array.Sort(all);
        searches.Sort();
        writes.Sort();
        return new LevelResult(target, concurrency, ticks.Length, writes.Count, errors, firstError, Math.Round(seconds, 3), timedOut,
            Math.Round(ticks.Length / seconds, 1), Percentile(all, 50), Percentile(all, 95), Percentile(all, 99), all.Length > 0 ? Math.Round(all[^1], 3) : 0,
            Percentile(searches, 50), Percentile(searches, 99), Percentile(writes, 50), Percentile(writes, 99), loadAverage);
    }

    // Nearest rank: the smallest latency at or above which p % of the requests lie.
    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
}

/// <summary>The exactness check: queries whose ids or distances differed between sigah and PostgreSQL, with the first few.</summary>
internal sealed record CheckResult(int Queries, int Mismatches, long SigahCount, long PostgresCount, IReadOnlyList<string> Examples);

/// <summary>Everything one run writes to results.json.</summary>
internal sealed record RunResults(string Started, string Machine, string Note, string Body, int WriteEvery, CheckResult? Check,
    IReadOnlyList<LevelResult> Levels);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class ResultsJson : JsonSerializerContext;

/// <summary>The markdown table of the README: per concurrency, both targets side by side and the throughput ratio.</summary>
internal static class ResultsTable
{
    public static string Format(RunResults results)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("| concurrency | sigah req/s | p50 ms | p95 ms | p99 ms | PostgreSQL req/s | p50 ms | p95 ms | p99 ms | throughput ratio |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int concurrency in results.Levels.Select(l => l.Concurrency).Distinct())
        {
            var s = results.Levels.FirstOrDefault(l => l.Target == "sigah" && l.Concurrency == concurrency);
            var p = results.Levels.FirstOrDefault(l => l.Target == "postgres" && l.Concurrency == concurrency);
            string Cells(LevelResult? l) => l is null ? "– | – | – | –"
                : string.Create(c, $"{l.RequestsPerSecond:F0} | {l.P50:F2} | {l.P95:F2} | {l.P99:F2}");
            string ratio = s is null || p is null || p.RequestsPerSecond == 0 ? "–" : string.Create(c, $"**{s.RequestsPerSecond / p.RequestsPerSecond:F0}×**");
            text.AppendLine(c, $"| {concurrency} | {Cells(s)} | {Cells(p)} | {ratio} |");
        }
        string check = results.Check is { } k ? $"answers identical on {k.Queries} sample queries" : "answers not checked";
        text.AppendLine();
        text.AppendLine(c, $"_{results.Started}, {results.Machine}; sigah bodies {results.Body}; one request in {results.WriteEvery} a write; {check}. {results.Note}_");
        return text.ToString();
    }
}
