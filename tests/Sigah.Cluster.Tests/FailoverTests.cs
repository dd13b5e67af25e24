using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sigah.Core.Data;
using Sigah.Hashing;
using Xunit.Abstractions;

namespace Sigah.Cluster.Tests;

/// <summary>
/// A silo's death under load. Three <c>sigah serve --cluster</c> processes (PostgreSQL membership, shard state in a
/// shared directory or in PostgreSQL) serve two collections of 6 shards: <c>base</c>, static, searched by clients
/// that check every answer against brute force, and <c>writes</c>, receiving small batches of new ids. A silo
/// hosting shards is killed (SIGKILL) in the middle: every answer must be exact or a 503 with Retry-After (or a
/// refused/cut connection to the killed node), the cluster must be whole again through the survivors within 30 s,
/// and every acknowledged add must be there. bench/cluster_failover.sh runs it longer, with more kills.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PrivatePostgres postgres, ITestOutputHelper output) : IDisposable
{
    private readonly List<string> _directories = [];
    private readonly List<SiloProcess> _silos = [];
    private FailoverRun? _run;
    private bool _passed;

    /// <summary>
    /// SIGAH_FAILOVER_SECONDS: least seconds of load (default 16); SIGAH_FAILOVER_KILLS: silos killed one after another,
    /// each replaced by a fresh silo once the cluster is whole again (default 1); SIGAH_FAILOVER_STORAGE: run only this
    /// storage; SIGAH_FAILOVER_SEED repeats a run's choices (not its timing); SIGAH_FAILOVER_REPORT: a file the counts go to.
    /// </summary>
    [Theory]
    [InlineData("directory")]
    [InlineData("postgres")]
    public async Task A_killed_silo_costs_only_retries_and_loses_no_acknowledged_add(string storage)
    {
        if (Environment.GetEnvironmentVariable("SIGAH_FAILOVER_STORAGE") is { Length: > 0 } only && only != storage)
        {
            output.WriteLine($"skipped: SIGAH_FAILOVER_STORAGE={only}");
            return;
        }
        var settings = new FailoverSettings(
            Seconds: EnvironmentInt("SIGAH_FAILOVER_SECONDS") ?? 16,
            Kills: EnvironmentInt("SIGAH_FAILOVER_KILLS") ?? 1,
            Seed: EnvironmentInt("SIGAH_FAILOVER_SEED") ?? Random.Shared.Next());
        string data = Directory.CreateTempSubdirectory("sigah-failover-").FullName;
        _directories.Add(data);
        output.WriteLine($"storage {storage}, data directory {data} (kept if the test fails), seed {settings.Seed}, {settings.Kills} kill(s), {settings.Seconds} s of load");

        _run = new FailoverRun(postgres.CreateDatabase(), data, storage, settings, output.WriteLine);
        var report = await _run.Run();

        string table = report.Table(storage, settings);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("SIGAH_FAILOVER_REPORT") is { Length: > 0 } file) await File.AppendAllTextAsync(file, table + "\n");
        Assert.True(report.Clean, $"{table}\ndata directory kept: {data}");
        _passed = true;
    }

    /// <summary>
    /// What a duplicate activation of a shard (Orleans can run two for a moment while a dead silo's directory moves)
    /// leaves with PostgreSQL storage: the older store is fenced by the newer one's epoch. The test takes the shard
    /// itself, as a newer activation would. The stale activation must not fail writes for ever: the first write it
    /// meets is answered 503 (retry) and it leaves, so the retry reaches a new owner; and one that only serves reads
    /// notices within seconds and leaves too (the next read makes a new owner, which raises the epoch again).
    /// </summary>
    [Fact]
    public async Task A_fenced_shard_activation_leaves_so_that_retries_reach_a_new_owner()
    {
        string data = Directory.CreateTempSubdirectory("sigah-fenced-").FullName;
        _directories.Add(data);
        string connection = postgres.CreateDatabase();
        var silo = await SiloProcess.Start(0, connection, "fenced", data, "postgres");
        _silos.Add(silo);
        using var client = new HttpClient { BaseAddress = silo.Url, Timeout = TimeSpan.FromSeconds(30) };
        var model = HasherRegistry.Get("lsh").Create(64).Fit(new FloatMatrix(200, 16, Vectors(new Random(1), 200 * 16)), new TrainingContext { Seed = 1 });
        using (var content = new ByteArrayContent(ModelFile.ToBytes(model)))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var created = await client.PutAsync("/collections/writes?shards=1&rerank=true", content);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var random = new Random(2);
        var sent = new Dictionary<long, float[]>();
        async Task<HttpResponseMessage> Add(long id)
        {
            var vector = Vectors(random, 16);
            var response = await client.PostAsJsonAsync("/collections/writes/vectors", new AddBody([id], [vector]), JsonOptions);
            if (response.StatusCode == HttpStatusCode.OK) sent[id] = vector;
            return response;
        }
        using (var first = await Add(1)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var storage = new Storage.PostgresShardStorage(connection);
        var collection = (await storage.FindAsync("writes"))!;
        long Epoch()
        {
            using var opened = new Npgsql.NpgsqlConnection(connection);
            opened.Open();
            using var command = new Npgsql.NpgsqlCommand("SELECT epoch FROM sigah_shard_owner WHERE collection = 'writes' AND shard = 0", opened);
            return (long)command.ExecuteScalar()!;
        }

        // A write on the fenced activation: 503 with Retry-After, never a 500; then the retry goes through.
        storage.OpenShard(collection, 0).Dispose();
        long fenced = Epoch();
        var retried = Stopwatch.StartNew();
        int unavailable = 0;
        while (true)
        {
            // 503 from the fenced activation (or 200 at once when its ownership check already made it leave).
            using var answer = await Add(2);
            if (answer.StatusCode == HttpStatusCode.OK) break;
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is not null,
                $"a write on a fenced activation answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            unavailable++;
            Assert.True(retried.Elapsed < TimeSpan.FromSeconds(10), "the fenced activation is still answering after 10 s");
            await Task.Delay(200);
        }
        Assert.True(Epoch() > fenced, "the write went through without a new owner");
        output.WriteLine($"write: fenced at epoch {fenced}, {unavailable} answer(s) 503, then 200 after {retried.Elapsed.TotalSeconds:F2} s at epoch {Epoch()}");

        // Reads only: the fenced activation leaves by itself, and the next read opens the shard anew.
        storage.OpenShard(collection, 0).Dispose();
        fenced = Epoch();
        using (var described = await client.GetAsync("/collections/writes")) Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(5));
        using (var described = await client.GetAsync("/collections/writes")) Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        Assert.True(Epoch() > fenced, $"a fenced activation went on serving reads (epoch still {fenced})");
        output.WriteLine($"reads: fenced at epoch {fenced}; a new owner at epoch {Epoch()} after the stale activation left");

        foreach (var (id, vector) in sent)
        {
            var stored = (await client.GetFromJsonAsync<VectorAnswer>($"/collections/writes/vectors/{id}", JsonOptions))!.Vector;
            Assert.Equal(vector, stored);
        }
        _passed = true;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static float[] Vectors(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    public void Dispose()
    {
        foreach (var silo in _silos) silo.Dispose();
        _run?.Dispose();
        if (_passed)
            foreach (string directory in _directories)
                Directory.Delete(directory, recursive: true);
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}

internal sealed record FailoverSettings(int Seconds, int Kills, int Seed);

/// <summary>How one response (or failure to get one) counts.</summary>
internal enum Outcome
{
    /// <summary>200, and the answer is right.</summary>
    Exact,

    /// <summary>200, and the answer is wrong.</summary>
    Wrong,

    /// <summary>503 with Retry-After.</summary>
    Unavailable,

    /// <summary>The killed node refused the connection.</summary>
    Refused,

    /// <summary>The killed node cut a request in flight at the kill.</summary>
    Cut,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A node's API as the clients see it.</summary>
internal sealed class Node(SiloProcess silo) : IDisposable
{
    public SiloProcess Silo { get; } = silo;

    public HttpClient Client { get; } = new() { BaseAddress = silo.Url, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Set by the first client that found it dead; no client uses it after.</summary>
    public bool Abandoned { get; set; }

    public void Dispose() => Client.Dispose();
}

/// <summary>The scenario: start, load, kill, measure, verify.</summary>
internal sealed class FailoverRun(string connection, string data, string storage, FailoverSettings settings, Action<string> log) : IDisposable
{
    public const int Dimension = 32, Bits = 64, Shards = 6, BaseRows = 20_000, K = 10, Silos = 3;
    private const int Searchers = 4, Writers = 2;
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(5), Whole = TimeSpan.FromSeconds(30), WholePatience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Random _random = new(settings.Seed);
    private readonly List<SiloProcess> _processes = [];
    private readonly object _nodesLock = new();
    private List<Node> _nodes = [];
    private ulong[] _baseCodes = [];
    private IHashModel _model = null!;
    private readonly string _clusterId = "failover-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Runs the scenario and tells what it counted.</summary>
    public async Task<FailoverReport> Run()
    {
        var report = new FailoverReport();
        var total = Stopwatch.StartNew();
        // A model and the static collection's rows.
        var training = Gaussian(new Random(settings.Seed), 2000);
        _model = HasherRegistry.Get("lsh").Create(Bits).Fit(new FloatMatrix(2000, Dimension, training), new TrainingContext { Seed = settings.Seed });
        byte[] modelBytes = ModelFile.ToBytes(_model);
        File.WriteAllBytes(Path.Combine(data, "model.sgm"), modelBytes);
        var baseVectors = Gaussian(new Random(settings.Seed + 1), BaseRows);
        _baseCodes = Encode(baseVectors, BaseRows);

        var started = Stopwatch.StartNew();
        var silos = await Task.WhenAll(Enumerable.Range(0, Silos).Select(i => StartSilo(i)));
        lock (_nodesLock) _nodes = [.. silos.Select(s => new Node(s))];
        log($"{Silos} silos up in {started.Elapsed.TotalSeconds:F1} s: {string.Join(", ", silos.Select(s => $"{s.Url} (silo port {s.SiloPort}, pid {s.Id})"))}");

        var first = _nodes[0].Client;
        await Create(first, "base", File.ReadAllBytes(Path.Combine(data, "model.sgm")), rerank: false);
        await Create(first, "writes", modelBytes, rerank: true);
        for (int at = 0; at < BaseRows; at += 5000)
        {
            int rows = Math.Min(5000, BaseRows - at);
            using var content = new ByteArrayContent(ClusterHarness.Npy(baseVectors.AsSpan(at * Dimension, rows * Dimension), rows, Dimension));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-npy");
            using var added = await _nodes[at / 5000 % Silos].Client.PostAsync($"/collections/base/vectors?first_id={at}", content);
            if (added.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"loading base answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");
        }
        var spread = await WaitSpread(Silos);
        log($"base loaded; shards on all {Silos} silos after {started.Elapsed.TotalSeconds:F1} s: {spread}");

        // The load, and the kills going on under it.
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, Searchers).Select(i => Task.Run(() => Search(i, settings.Seed * 7 + i, report, stop.Token))).ToArray();
        var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(() => Write(i, settings.Seed * 13 + i, report, stop.Token))).ToArray();
        var load = Stopwatch.StartNew();
        for (int kill = 1; kill <= settings.Kills; kill++)
        {
            await Task.Delay(KillAfter);
            var victims = Alive();
            var victim = victims[_random.Next(victims.Count)];
            var killedAt = Stopwatch.StartNew();
            await victim.Silo.Kill();
            log($"kill {kill}: silo {victim.Silo.Number} ({victim.Silo.Url}, pid {victim.Silo.Id}) killed at {load.Elapsed.TotalSeconds:F1} s of load");
            var whole = await WaitWhole(killedAt, report);
            report.Recoveries.Add(whole);
            log($"kill {kill}: whole again through the survivors after {(whole is { } w ? $"{w.TotalSeconds:F2} s" : "never")}");
            if (kill == settings.Kills) log($"kill {kill}: shards spread over the {Silos - 1} survivors: {await WaitSpread(Silos - 1)}");
            else
            {
                var fresh = await StartSilo(Silos + kill - 1);
                lock (_nodesLock) _nodes = [.. _nodes, new Node(fresh)];
                log($"kill {kill}: silo {fresh.Number} started in its place; shards spread again: {await WaitSpread(Silos)}");
            }
        }
        var rest = TimeSpan.FromSeconds(settings.Seconds) - load.Elapsed;
        if (rest > TimeSpan.Zero) await Task.Delay(rest);
        stop.Cancel();
        await Task.WhenAll([.. searchers, .. writers]);
        report.LoadSeconds = load.Elapsed.TotalSeconds;

        await Verify(report);
        report.StaleActivations = StaleActivations();
        report.TotalSeconds = total.Elapsed.TotalSeconds;
        return report;
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        foreach (var process in _processes) process.Dispose();
    }

    private async Task<SiloProcess> StartSilo(int number)
    {
        var silo = await SiloProcess.Start(number, connection, _clusterId, data, storage);
        lock (_processes) _processes.Add(silo);
        return silo;
    }

    private List<Node> Alive()
    {
        lock (_nodesLock) return [.. _nodes.Where(n => !n.Silo.Killed)];
    }

    private List<Node> Usable()
    {
        lock (_nodesLock) return [.. _nodes.Where(n => !n.Abandoned)];
    }

    private static async Task Create(HttpClient client, string name, byte[] model, bool rerank)
    {
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var created = await client.PutAsync($"/collections/{name}?shards={Shards}{(rerank ? "&rerank=true" : "")}", content);
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating {name} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
    }

    /// <summary>True when every silo in <paramref name="homes"/> (a collection's shard → silo) holds as many shards as any other, give or take one.</summary>
    private static bool Even(string[] homes)
    {
        var perSilo = homes.GroupBy(h => h).Select(g => g.Count()).ToArray();
        return perSilo.Max() - perSilo.Min() <= 1;
    }

    /// <summary>Waits until <c>GET /cluster</c> shows <paramref name="silos"/> active silos, each hosting an even share of both collections' shards; the placement.</summary>
    private async Task<string> WaitSpread(int silos)
    {
        var deadline = Stopwatch.StartNew();
        string last = "";
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var response = await Alive()[0].Client.GetAsync("/cluster");
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var cluster = JsonSerializer.Deserialize<ClusterView>(last, Json)!;
                    var active = cluster.Silos.Where(s => s.Status == "Active").Select(s => s.Address).ToHashSet();
                    var placement = cluster.Collections.ToDictionary(c => c.Name, c => c.Placement.Select(p => p.Silo).ToArray());
                    if (active.Count == silos && placement.Count == 2 && placement.Values.All(p => p.Distinct().Count() == silos && p.All(active.Contains) && Even(p)))
                        return string.Join("; ", placement.Select(p => $"{p.Key}: " + string.Join(" ", p.Value.Select(SiloName))));
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the shards are not on {silos} silos after 90 s: {last}");
    }

    private string SiloName(string address)
    {
        lock (_processes) return _processes.FirstOrDefault(p => p.Is(address)) is { } p ? $"s{p.Number}" : address;
    }

    /// <summary>
    /// From the kill until every surviving node answers both <c>GET /collections/writes</c> (every shard of writes) and a
    /// search on base (every shard of base, checked exactly): the time that took, or null after <see cref="WholePatience"/>.
    /// </summary>
    private async Task<TimeSpan?> WaitWhole(Stopwatch killedAt, FailoverReport report)
    {
        var random = new Random(settings.Seed * 17);
        while (killedAt.Elapsed < WholePatience)
        {
            bool whole = true;
            foreach (var node in Alive())
            {
                try
                {
                    using var described = await node.Client.GetAsync("/collections/writes");
                    var query = Gaussian(random, 1);
                    using var searched = await node.Client.PostAsJsonAsync("/collections/base/search", new SearchBody([query], K), Json);
                    if (described.StatusCode != HttpStatusCode.OK || searched.StatusCode != HttpStatusCode.OK) whole = false;
                    else if (!Exact(JsonSerializer.Deserialize<SearchAnswer>(await searched.Content.ReadAsStringAsync(), Json)!, [query]))
                    {
                        report.Problems.Add($"a search through {node.Silo.Url} while waiting for the cluster to be whole answered wrong");
                        Interlocked.Increment(ref report.Search[(int)Outcome.Wrong]);
                    }
                }
                catch (HttpRequestException)
                {
                    whole = false;
                }
                if (!whole) break;
            }
            if (whole) return killedAt.Elapsed;
            await Task.Delay(100);
        }
        return null;
    }

    /// <summary>A searcher: random queries on base through the usable nodes in turn, each 200 answer checked against brute force.</summary>
    private async Task Search(int number, int seed, FailoverReport report, CancellationToken stop)
    {
        var random = new Random(seed);
        for (long turn = number; !stop.IsCancellationRequested; turn++)
        {
            var nodes = Usable();
            var node = nodes[(int)(turn % nodes.Count)];
            var queries = Enumerable.Range(0, 2).Select(_ => Gaussian(random, 1)).ToArray();
            Outcome outcome;
            string? detail = null;
            try
            {
                using var response = await node.Client.PostAsJsonAsync("/collections/base/search", new SearchBody(queries, K), Json, CancellationToken.None);
                string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                outcome = Classify(response, body, out detail);
                if (outcome == Outcome.Exact && !Exact(JsonSerializer.Deserialize<SearchAnswer>(body, Json)!, queries))
                {
                    outcome = Outcome.Wrong;
                    detail = $"search through {node.Silo.Url} answered {body}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = Failed(node, e, out detail);
            }
            Count(report.Search, outcome, detail, report);
            await Pause(outcome);
        }
    }

    /// <summary>
    /// A writer: batches of 1-8 new ids (its own range) with fresh vectors, through the usable nodes in turn. A batch
    /// that fails is sent again (the same ids and vectors: an add is an upsert) until acknowledged, so that at the end
    /// the ids sent are the ids acknowledged; one the writer gives up on is counted as unsettled.
    /// </summary>
    private async Task Write(int number, int seed, FailoverReport report, CancellationToken stop)
    {
        var random = new Random(seed);
        long next = (number + 1) * 100_000_000L;
        for (long turn = number; !stop.IsCancellationRequested; turn++)
        {
            int rows = random.Next(1, 9);
            long[] ids = [.. Enumerable.Range(0, rows).Select(i => next + i)];
            next += rows;
            var vectors = Enumerable.Range(0, rows).Select(_ => Gaussian(random, 1)).ToArray();
            var settleBy = Stopwatch.StartNew();
            while (true)
            {
                var nodes = Usable();
                var node = nodes[(int)(turn++ % nodes.Count)];
                Outcome outcome;
                string? detail = null;
                try
                {
                    using var response = await node.Client.PostAsJsonAsync("/collections/writes/vectors", new AddBody(ids, vectors), Json, CancellationToken.None);
                    string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    outcome = Classify(response, body, out detail);
                    if (outcome == Outcome.Exact && JsonSerializer.Deserialize<AddAnswer>(body, Json)!.Added != rows)
                    {
                        outcome = Outcome.Wrong;
                        detail = $"an add of {rows} ids through {node.Silo.Url} answered {body}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcome = Failed(node, e, out detail);
                }
                Count(report.Add, outcome, detail, report);
                if (outcome is Outcome.Exact or Outcome.Wrong)
                {
                    lock (report.Acknowledged)
                        for (int i = 0; i < rows; i++) report.Acknowledged[ids[i]] = vectors[i];
                    break;
                }
                lock (report.Acknowledged) report.Retried++;
                if (settleBy.Elapsed > WholePatience)
                {
                    lock (report.Acknowledged)
                        for (int i = 0; i < rows; i++) report.Unsettled[ids[i]] = vectors[i];
                    break;
                }
                await Pause(outcome);
            }
            await Task.Delay(5, CancellationToken.None);
        }
    }

    private static Outcome Classify(HttpResponseMessage response, string body, out string? detail)
    {
        detail = null;
        if (response.StatusCode == HttpStatusCode.OK) return Outcome.Exact;
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null) return Outcome.Unavailable;
        detail = $"{(int)response.StatusCode} {body}";
        return Outcome.Other;
    }

    /// <summary>A request that got no answer: refused or cut by the killed node (whom the clients then abandon), or anything else.</summary>
    private static Outcome Failed(Node node, Exception e, out string? detail)
    {
        detail = null;
        if (node.Silo.Killed)
        {
            node.Abandoned = true;
            return e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? Outcome.Refused : Outcome.Cut;
        }
        detail = $"{node.Silo.Url}: {e.GetType().Name}: {e.Message} {e.InnerException?.Message}";
        return Outcome.Other;
    }

    private static void Count(long[] counts, Outcome outcome, string? detail, FailoverReport report)
    {
        Interlocked.Increment(ref counts[(int)outcome]);
        if (detail is not null && outcome is Outcome.Wrong or Outcome.Other)
            lock (report.Problems)
                if (report.Problems.Count < 50) report.Problems.Add(detail);
    }

    /// <summary>Between requests: a little, so that the load leaves the silos' failure detection some CPU; after a 503, its Retry-After (at most 1 s).</summary>
    private static Task Pause(Outcome outcome) => Task.Delay(outcome switch
    {
        Outcome.Exact => 3,
        Outcome.Unavailable => 250,
        _ => 100,
    }, CancellationToken.None);

    /// <summary>True when <paramref name="answer"/> holds, for every query, its exact k nearest base rows by (Hamming distance, id).</summary>
    private bool Exact(SearchAnswer answer, float[][] queries)
    {
        if (answer.Ids.Length != queries.Length || answer.Distances.Length != queries.Length) return false;
        for (int q = 0; q < queries.Length; q++)
        {
            var (ids, distances) = Knn(Encode(queries[q], 1)[0]);
            if (!answer.Ids[q].SequenceEqual(ids) || !answer.Distances[q].SequenceEqual(distances.Select(d => (float)d))) return false;
        }
        return true;
    }

    /// <summary>Brute force over base: the k nearest ids by (Hamming distance, smaller id), and their distances.</summary>
    private (long[] Ids, int[] Distances) Knn(ulong query)
    {
        var best = new List<(int Distance, long Id)>(K + 1);
        for (int i = 0; i < _baseCodes.Length; i++)
        {
            int d = System.Numerics.BitOperations.PopCount(_baseCodes[i] ^ query);
            if (best.Count == K && d >= best[^1].Distance) continue; // ids ascend: a tie with the last loses
            int at = best.Count;
            while (at > 0 && best[at - 1].Distance > d) at--;
            best.Insert(at, (d, i));
            if (best.Count > K) best.RemoveAt(K);
        }
        return ([.. best.Select(b => b.Id)], [.. best.Select(b => b.Distance)]);
    }

    /// <summary>After the load: base whole, every acknowledged add stored with its vector, and the count of writes what was acknowledged.</summary>
    private async Task Verify(FailoverReport report)
    {
        var client = Alive()[0].Client;
        report.BaseCount = (await client.GetFromJsonAsync<CountAnswer>("/collections/base", Json))!.Count;
        report.WritesCount = (await client.GetFromJsonAsync<CountAnswer>("/collections/writes", Json))!.Count;
        var acknowledged = report.Acknowledged.ToArray();
        var nodes = Alive();
        await Parallel.ForEachAsync(acknowledged.Select((a, i) => (a.Key, a.Value, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (row, token) =>
        {
            using var response = await nodes[row.i % nodes.Count].Client.GetAsync($"/collections/writes/vectors/{row.Key}", token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref report.Lost);
                lock (report.Problems) if (report.Problems.Count < 50) report.Problems.Add($"acknowledged id {row.Key}: GET answered {(int)response.StatusCode}");
                return;
            }
            var stored = (await response.Content.ReadFromJsonAsync<VectorAnswer>(Json, token))!.Vector;
            if (!MemoryMarshal.AsBytes(stored.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(row.Value.AsSpan())))
            {
                Interlocked.Increment(ref report.Lost);
                lock (report.Problems) if (report.Problems.Count < 50) report.Problems.Add($"acknowledged id {row.Key}: stored vector differs");
            }
        });
        foreach (long id in report.Unsettled.Keys)
        {
            using var response = await client.GetAsync($"/collections/writes/vectors/{id}");
            if (response.StatusCode == HttpStatusCode.OK) report.UnsettledPresent++;
        }
    }

    /// <summary>Shard activations that found themselves stale duplicates and left, as the silos' logs tell.</summary>
    private int StaleActivations()
    {
        int count = 0;
        foreach (string path in Directory.EnumerateFiles(data, "silo-*.log"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
                if (line.Contains("this activation is stale", StringComparison.Ordinal)) count++;
        }
        return count;
    }

    private static float[] Gaussian(Random random, int rows) => TestData.Gaussian(random, rows, Dimension);

    private ulong[] Encode(float[] vectors, int rows)
    {
        var codes = new byte[rows * Bits / 8];
        _model.Encode(vectors, rows, codes);
        return MemoryMarshal.Cast<byte, ulong>(codes).ToArray();
    }
}

/// <summary>What a run counted.</summary>
internal sealed class FailoverReport
{
    public long[] Search { get; } = new long[6];

    public long[] Add { get; } = new long[6];

    /// <summary>Acknowledged ids and the vectors sent with them.</summary>
    public Dictionary<long, float[]> Acknowledged { get; } = [];

    /// <summary>Ids of adds never acknowledged (given up after retries): they may or may not be there.</summary>
    public Dictionary<long, float[]> Unsettled { get; } = [];

    public int UnsettledPresent { get; set; }

    /// <summary>Add requests sent again after a failure.</summary>
    public int Retried { get; set; }

    public List<TimeSpan?> Recoveries { get; } = [];

    public List<string> Problems { get; } = [];

    public int BaseCount { get; set; }

    public int WritesCount { get; set; }

    public int Lost;

    /// <summary>Duplicate shard activations that were fenced and left (ShardGrain).</summary>
    public int StaleActivations { get; set; }

    public double LoadSeconds { get; set; }

    public double TotalSeconds { get; set; }

    /// <summary>Every property the test asserts.</summary>
    public bool Clean =>
        Search[(int)Outcome.Wrong] == 0 && Add[(int)Outcome.Wrong] == 0 && Search[(int)Outcome.Other] == 0 && Add[(int)Outcome.Other] == 0
        && Recoveries.All(r => r is { } t && t <= TimeSpan.FromSeconds(30)) && Lost == 0 && BaseCount == FailoverRun.BaseRows
        && WritesCount == Acknowledged.Count + UnsettledPresent && Search[(int)Outcome.Exact] > 0 && Add[(int)Outcome.Exact] > 0 && Problems.Count == 0;

    public string Table(string storage, FailoverSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"failover, {storage} storage, seed {settings.Seed}: {Recoveries.Count} kill(s), {LoadSeconds:F1} s of load, {TotalSeconds:F1} s in all");
        text.AppendLine("requests   200-exact  200-wrong  503+Retry-After  refused(killed)  cut(killed)  other");
        foreach (var (name, counts) in new[] { ("search", Search), ("add", Add) })
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-8}  {counts[0],10}  {counts[1],9}  {counts[2],15}  {counts[3],15}  {counts[4],11}  {counts[5],5}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"whole again after the kill(s): {string.Join(", ", Recoveries.Select(r => r is { } t ? $"{t.TotalSeconds:F2} s" : "never"))} (limit 30 s)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"adds: {Acknowledged.Count} ids acknowledged ({Retried} retries), lost {Lost}; unsettled {Unsettled.Count} ids ({UnsettledPresent} present); "
            + $"writes counts {WritesCount} (expected {Acknowledged.Count + UnsettledPresent}); base counts {BaseCount} (expected {FailoverRun.BaseRows}); stale shard activations that left: {StaleActivations}");
        foreach (string problem in Problems.Take(20)) text.AppendLine("  " + problem);
        return text.ToString();
    }
}

internal sealed record SearchBody(float[][] Vectors, int K);

internal sealed record AddBody(long[] Ids, float[][] Vectors);

internal sealed record SearchAnswer(long[][] Ids, float[][] Distances);

internal sealed record AddAnswer(int Added, int Count);

internal sealed record CountAnswer(int Count);

internal sealed record VectorAnswer(long Id, float[] Vector);

internal sealed record ClusterView(SiloView[] Silos, CollectionView[] Collections);

internal sealed record SiloView(string Address, string Name, string Status);

internal sealed record CollectionView(string Name, int Shards, ShardView[] Placement);

internal sealed record ShardView(int Shard, string Silo);
