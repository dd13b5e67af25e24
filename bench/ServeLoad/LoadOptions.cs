using System.Globalization;

namespace Sigah.Bench.ServeLoad;

/// <summary>The command line of ServeLoad (Program.cs gives the usage).</summary>
internal sealed record LoadOptions
{
    public string? Url { get; init; }
    public string Collection { get; init; } = "load";
    public string? Postgres { get; init; }
    public required string Queries { get; init; }
    public string? QueryCodes { get; init; }
    public required long BaseCount { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = ["sigah", "postgres"];
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 32];
    public int Requests { get; init; } = 20_000;
    public double TimeLimit { get; init; } = 60;
    public int Warmup { get; init; } = 500;
    public int PostgresRequests { get; init; } = 2_000;
    public double PostgresTimeLimit { get; init; } = 45;
    public int PostgresWarmup { get; init; } = 4;
    public int Check { get; init; } = 100;
    public int WriteEvery { get; init; } = 100;
    public bool NpyBody { get; init; }
    public required string Out { get; init; }
    public string Note { get; init; } = "";

    public const string Usage = """
        usage: ServeLoad --queries Q.npy --base-count N --out DIR [options]
          --url URL               sigah serve's base address (target sigah)
          --collection NAME       collection holding the base (default load)
          --pg CONNECTION         Npgsql connection string of the PostgreSQL holding table codes (target postgres)
          --queries Q.npy         float32 [nq, d] query vectors (sigah encodes them)
          --query-codes QC.npy    uint8 [nq, bits/8] codes of the same queries (what PostgreSQL is given)
          --base-count N          ids 0..N-1 are the base: adds use N, N+1, ..; deletes take N-1, N-2, ..
          --targets LIST          sigah,postgres (default both)
          --concurrency LIST      requests in flight (default 1,8,32)
          --requests N            sigah: requests per level (default 20000)
          --time-limit S          sigah: seconds per level at most (default 60)
          --warmup N              sigah: untimed searches before each level (default 500)
          --pg-requests N         postgres: requests per level (default 2000)
          --pg-time-limit S       postgres: seconds per level at most (default 45)
          --pg-warmup N           postgres: untimed searches before each level (default 4)
          --check N               queries whose answers must agree between sigah and PostgreSQL (default 100; 0 skips)
          --write-every N         one request in N is a write (default 100, 1 %; 0: none)
          --npy                   send sigah's searches and adds as application/x-npy instead of JSON
          --note TEXT             recorded with the results (the machine, what else ran)
        writes DIR/results.json and DIR/table.md
        """;

    /// <summary>Parses <paramref name="args"/>; a wrong command line is a <see cref="FormatException"/> naming the option.</summary>
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool npy = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--npy")
            {
                npy = true;
                continue;
            }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new FormatException($"'{args[i]}': expected an option and its value");
            values[args[i]] = args[++i];
        }
        string Take(string name) => values.Remove(name, out var value) ? value : throw new FormatException($"{name} is required");
        string? Maybe(string name) => values.Remove(name, out var value) ? value : null;
        int Int(string name, int fallback) => Maybe(name) is { } s ? ParseInt(name, s) : fallback;
        double Seconds(string name, double fallback) => Maybe(name) is { } s
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 ? v : throw new FormatException($"{name}: '{s}' is not a positive number")
            : fallback;

        var options = new LoadOptions
        {
            Url = Maybe("--url"),
            Collection = Maybe("--collection") ?? "load",
            Postgres = Maybe("--pg"),
            Queries = Take("--queries"),
            QueryCodes = Maybe("--query-codes"),
            BaseCount = ParseInt("--base-count", Take("--base-count")),
            Targets = Maybe("--targets")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? ["sigah", "postgres"],
            Concurrency = Maybe("--concurrency") is { } c ? [.. c.Split(',').Select(s => ParseInt("--concurrency", s.Trim()))] : [1, 8, 32],
            Requests = Int("--requests", 20_000),
            TimeLimit = Seconds("--time-limit", 60),
            Warmup = Int("--warmup", 500),
            PostgresRequests = Int("--pg-requests", 2_000),
            PostgresTimeLimit = Seconds("--pg-time-limit", 45),
            PostgresWarmup = Int("--pg-warmup", 4),
            Check = Int("--check", 100),
            WriteEvery = Int("--write-every", 100),
            NpyBody = npy,
            Out = Take("--out"),
            Note = Maybe("--note") ?? "",
        };
        if (values.Count > 0) throw new FormatException($"unknown option {values.Keys.First()}");
        if (options.Concurrency.Count == 0 || options.Concurrency.Any(c => c == 0)) throw new FormatException("--concurrency: each level needs at least 1 request in flight");
        foreach (string target in options.Targets)
            if (target is not ("sigah" or "postgres")) throw new FormatException($"--targets: '{target}' is not sigah or postgres");
        if (options.Targets.Contains("sigah") && options.Url is null) throw new FormatException("--url is required for target sigah");
        if ((options.Targets.Contains("postgres") || options.Check > 0) && (options.Postgres is null || options.QueryCodes is null))
            throw new FormatException("--pg and --query-codes are required for target postgres and for --check");
        if (options.Check > 0 && options.Url is null) throw new FormatException("--url is required for --check");
        return options;
    }

    private static int ParseInt(string name, string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 0 ? v : throw new FormatException($"{name}: '{s}' is not a count");
}
