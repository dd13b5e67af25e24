using System.Globalization;
using System.Text.Json;
using Npgsql;
using Sigah.Bench.ServeLoad;
using Sigah.IO;

// Load test of `sigah serve` against PostgreSQL holding the same codes (bench/serve_load.sh runs it end to end):
// checks that both give the same k = 10 answers on a sample of queries, then per target and concurrency runs a
// bounded number of requests (1 % writes) and prints throughput and p50/p95/p99 latency.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var queries = VectorFile.Read(options.Queries);
var queryCodes = options.QueryCodes is null ? null : CodesFile.Read(options.QueryCodes);
if (queryCodes is not null && queryCodes.Count != queries.Rows)
{
    Console.Error.WriteLine($"error: {queries.Rows} queries but {queryCodes.Count} query codes");
    return 2;
}
await using var sigah = options.Url is null ? null : new SigahTarget(new Uri(options.Url), options.Collection, queries, options.NpyBody);
await using var postgres = options.Postgres is null ? null : new PostgresTarget(NpgsqlDataSource.Create(options.Postgres), queryCodes!);

CheckResult? check = null;
if (options.Check > 0)
{
    check = await Exactness.CheckAsync(sigah!, postgres!, queries.Rows, options.Check).ConfigureAwait(false);
    Console.WriteLine($"check: {check.Queries} queries, {check.Mismatches} differ; counts sigah {check.SigahCount}, PostgreSQL {check.PostgresCount}");
    foreach (string example in check.Examples) Console.WriteLine($"  {example}");
    if (check.Mismatches > 0 || check.SigahCount != check.PostgresCount)
    {
        Console.Error.WriteLine("error: sigah and PostgreSQL disagree; no timing of answers that differ");
        return 3;
    }
}

var levels = new List<LevelResult>();
foreach (string name in options.Targets)
{
    bool isSigah = name == "sigah";
    ITarget target = isSigah ? sigah! : postgres!;
    var runner = new LoadRunner(target, queries.Rows, options.BaseCount, options.WriteEvery);
    foreach (int concurrency in options.Concurrency)
    {
        var level = isSigah
            ? await runner.RunAsync(concurrency, options.Requests, TimeSpan.FromSeconds(options.TimeLimit), options.Warmup).ConfigureAwait(false)
            : await runner.RunAsync(concurrency, options.PostgresRequests, TimeSpan.FromSeconds(options.PostgresTimeLimit), options.PostgresWarmup).ConfigureAwait(false);
        levels.Add(level);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} c={concurrency,-3} {level.Requests,6} requests ({level.Writes} writes, {level.Errors} errors) in {level.Seconds,7:F2} s{(level.StoppedByTimeLimit ? " (time limit)" : "")}: " +
            $"{level.RequestsPerSecond,8:F1} req/s  p50 {level.P50,8:F2}  p95 {level.P95,8:F2}  p99 {level.P99,8:F2} ms  (load {level.LoadAverage})"));
        if (level.FirstError is not null) Console.WriteLine($"  first error: {level.FirstError}");
    }
}

var results = new RunResults(DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
    $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}", options.Note,
    options.NpyBody ? "npy" : "json", options.WriteEvery, check, levels);
Directory.CreateDirectory(options.Out);
await File.WriteAllTextAsync(Path.Combine(options.Out, "results.json"), JsonSerializer.Serialize(results, ResultsJson.Default.RunResults)).ConfigureAwait(false);
string table = ResultsTable.Format(results);
await File.WriteAllTextAsync(Path.Combine(options.Out, "table.md"), table).ConfigureAwait(false);
Console.WriteLine();
Console.Write(table);
return levels.Any(l => l.Errors > 0) ? 4 : 0;
