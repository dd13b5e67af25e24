using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Sigah.Server.Api;
using Sigah.Server.Storage;
using Xunit.Abstractions;

namespace Sigah.Server.Tests;

/// <summary>
/// Durability under SIGKILL. <c>sigah serve</c> runs as a process of its own and is killed in the middle of a stream
/// of concurrent adds, replacements and deletes, then restarted on the same data directory: every acknowledged write
/// must be there, whole; a write in flight at the kill may land or not, but entirely or not at all; nothing appears
/// that was never sent. bench/serve_crash.sh runs the same test with more kills.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    /// <summary>
    /// Kill/restart cycles (SIGAH_CRASH_KILLS, default 3) with writes going on across them; SIGAH_CRASH_SEED repeats
    /// a run's choices (not its timing); SIGAH_CRASH_REPORT names a file to write the table to.
    /// </summary>
    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_and_nothing_else_appears()
    {
        int kills = EnvironmentInt("SIGAH_CRASH_KILLS") ?? 3;
        int seed = EnvironmentInt("SIGAH_CRASH_SEED") ?? Random.Shared.Next();
        string data = Directory.CreateTempSubdirectory("sigah-crash-").FullName;
        output.WriteLine($"data directory {data} (kept if the test fails), seed {seed}");

        var cycles = await new CrashRun(data, seed).Run(kills, output.WriteLine);

        string table = CrashRun.Table(cycles, kills, seed);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("SIGAH_CRASH_REPORT") is { Length: > 0 } report) await File.WriteAllTextAsync(report, table);
        Assert.True(cycles.Count == kills && cycles.All(c => c.Clean), $"{table}\ndata directory kept: {data}");
        Directory.Delete(data, recursive: true);
    }

    /// <summary>
    /// What a kill in the middle of the log's write() leaves, end to end (WriteAheadLogTests cuts the log alone at every
    /// byte): the newest log file of a collection ends half-way through its last record. Start-up must drop exactly that
    /// add and keep every one before it, vectors intact, and writes after the cut must survive the next start.
    /// </summary>
    [Fact]
    public async Task A_torn_tail_of_the_newest_log_file_is_cut_and_everything_before_it_kept()
    {
        const string Name = "torn";
        const int Dimension = 16, Bits = 16, Rows = 10;
        var batches = Enumerable.Range(0, 6)
            .Select(b => (Ids: Enumerable.Range(b * Rows, Rows).Select(i => (long)i).ToArray(), Vectors: ServerHarness.Vectors(Rows, Dimension, 100 + b)))
            .ToArray();
        string data = Directory.CreateTempSubdirectory("sigah-torn-").FullName;
        try
        {
            await using (var server = await ServerHarness.Start(data))
            {
                Assert.Equal(HttpStatusCode.Created, (await server.CreateCollection(Name, ServerHarness.ModelBytes(Dimension, Bits), rerank: true)).StatusCode);
                foreach (var (ids, vectors) in batches[..5]) await Add(server, ids, vectors);
            }
            string log = Directory.EnumerateFiles(Path.Combine(data, "collections", Name, "wal"), "wal-*.log").Order(StringComparer.Ordinal).Last();
            var records = RecordExtents(await File.ReadAllBytesAsync(log), codeBytes: Bits / 8, Dimension);
            Assert.Equal(5, records.Count);
            var (start, size) = records[^1];
            using (var file = new FileStream(log, FileMode.Open, FileAccess.Write)) file.SetLength(start + (size / 2));

            await using (var server = await ServerHarness.Start(data))
            {
                Assert.Equal(start, new FileInfo(log).Length);
                await AssertHolds(server, Name, batches[..4], absent: batches[4].Ids);
                await Add(server, batches[5].Ids, batches[5].Vectors);
            }
            await using (var server = await ServerHarness.Start(data))
                await AssertHolds(server, Name, [.. batches[..4], batches[5]], absent: batches[4].Ids);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        static async Task Add(ServerHarness server, long[] ids, float[] vectors)
        {
            var rows = Enumerable.Range(0, ids.Length).Select(i => vectors.AsSpan(i * Dimension, Dimension).ToArray()).ToArray();
            using var response = await server.Client.PostAsJsonAsync($"/collections/{Name}/vectors", new AddRequest(ids, rows), ApiJson.Api.AddRequest);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task AssertHolds(ServerHarness server, string name, (long[] Ids, float[] Vectors)[] batches, long[] absent)
    {
        foreach (var (ids, vectors) in batches)
        {
            int d = vectors.Length / ids.Length;
            for (int i = 0; i < ids.Length; i++)
                Assert.Equal(vectors.AsSpan(i * d, d).ToArray(), await Requests.Stored(server.Client, name, ids[i]));
        }
        foreach (long id in absent) Assert.Null(await Requests.Stored(server.Client, name, id));
        Assert.Equal(batches.Sum(b => b.Ids.Length), await Requests.Count(server.Client, name));
    }

    /// <summary>Where each whole record of a log file starts and how many bytes it takes.</summary>
    private static List<(int Start, int Size)> RecordExtents(byte[] bytes, int codeBytes, int dimension)
    {
        const int HeaderBytes = 24; // the log file's header: magic, version, code bytes, dimension
        var extents = new List<(int, int)>();
        for (int at = HeaderBytes; at < bytes.Length;)
        {
            Assert.NotNull(LogRecord.TryRead(bytes.AsSpan(at), codeBytes, dimension, out int size));
            extents.Add((at, size));
            at += size;
        }
        return extents;
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}

/// <summary>Reads of a collection's state through the API.</summary>
file static class Requests
{
    /// <summary>The vector stored under <paramref name="id"/>, or null when the collection holds none.</summary>
    public static async Task<float[]?> Stored(HttpClient client, string collection, long id, CancellationToken token = default)
    {
        using var response = await client.GetAsync($"/collections/{collection}/vectors/{id}", token);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ApiJson.Api.VectorResponse, token))!.Vector;
    }

    /// <summary>The collection's count of live rows.</summary>
    public static async Task<int> Count(HttpClient client, string collection) =>
        (await client.GetFromJsonAsync($"/collections/{collection}", ApiJson.Api.CollectionInfo))!.Count;

    /// <summary>True when both are absent or both hold the same floats, bit for bit.</summary>
    public static bool Same(float[]? a, float[]? b) =>
        a is null || b is null ? a == b : MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}

/// <summary>Kill/restart cycles of a <c>sigah serve</c> process over one data directory, and the model of what was written.</summary>
file sealed class CrashRun(string dataDirectory, int seed)
{
    public const string Collection = "crash";
    private const int Writers = 8, IdsPerWriter = 600, SearchBatch = 500;
    private readonly Random _random = new(seed);
    private readonly Writer[] _writers = [.. Enumerable.Range(0, Writers).Select(w => new Writer(w, w * 1_000_000L, IdsPerWriter, (seed * 31) + w))];
    private int _killing;

    /// <summary>Runs <paramref name="kills"/> cycles, telling each one to <paramref name="log"/>.</summary>
    public async Task<List<Cycle>> Run(int kills, Action<string> log)
    {
        var cycles = new List<Cycle>();
        ServerProcess? server = await ServerProcess.Start(dataDirectory);
        try
        {
            using (var model = new ByteArrayContent(ServerHarness.ModelBytes(Writer.Dimension, bits: 16)))
            {
                model.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var created = await server.Client.PutAsync($"/collections/{Collection}?rerank=true", model);
                if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating the collection answered {created.StatusCode}");
            }
            for (int number = 1; number <= kills; number++)
            {
                Volatile.Write(ref _killing, 0);
                var writing = _writers.Select(w => w.Run(server.Client, () => Volatile.Read(ref _killing) != 0)).ToArray();
                await Task.Delay(_random.Next(300, 3000));
                // Set before the kill, so that a writer's failure tells whether the kill caused it.
                Volatile.Write(ref _killing, 1);
                await server.Kill();
                await Task.WhenAll(writing);
                server.Dispose();
                server = null; // not disposed again if the restart fails

                long started = Stopwatch.GetTimestamp();
                server = await ServerProcess.Start(dataDirectory);
                var cycle = new Cycle(number) { Restart = Stopwatch.GetElapsedTime(started), Replayed = server.Replayed };
                await Verify(server.Client, cycle);
                cycles.Add(cycle);
                log(cycle.Row());
                foreach (string problem in cycle.Problems.Take(20)) log("  " + problem);
            }
        }
        finally
        {
            server?.Dispose();
        }
        return cycles;
    }

    /// <summary>Checks the restarted server against the model: every id ever sent, the count, and a search for every live vector.</summary>
    private async Task Verify(HttpClient client, Cycle cycle)
    {
        var stored = new ConcurrentDictionary<long, float[]?>();
        await Parallel.ForEachAsync(_writers.SelectMany(w => w.Sent.Keys), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, token) => stored[id] = await Requests.Stored(client, Collection, id, token));
        foreach (var writer in _writers)
        {
            cycle.Acknowledged += writer.Acknowledged;
            cycle.WrongAnswers += writer.WrongAnswers.Count;
            cycle.Problems.AddRange(writer.WrongAnswers);
            writer.Check(stored, cycle);
        }
        cycle.TotalAcknowledged = _writers.Sum(w => w.TotalAcknowledged);
        cycle.Rows = _writers.Sum(w => w.Live.Count);
        cycle.Found = await Requests.Count(client, Collection);
        int present = stored.Values.Count(v => v is not null);
        if (cycle.Found != present)
        {
            cycle.Phantom += Math.Max(0, cycle.Found - present);
            cycle.Problems.Add($"the collection counts {cycle.Found} rows; {present} of the ids ever sent are there");
        }

        var live = _writers.SelectMany(w => w.Live).ToArray();
        for (int at = 0; at < live.Length; at += SearchBatch)
        {
            var batch = live.AsSpan(at, Math.Min(SearchBatch, live.Length - at)).ToArray();
            using var response = await client.PostAsJsonAsync($"/collections/{Collection}/search",
                new SearchRequest([.. batch.Select(b => b.Value)], K: 1, Rerank: 64, Radius: null), ApiJson.Api.SearchRequest);
            response.EnsureSuccessStatusCode();
            var found = (await response.Content.ReadFromJsonAsync(ApiJson.Api.SearchResponse))!;
            for (int q = 0; q < batch.Length; q++)
            {
                if (found.Ids[q] is [var id] && id == batch[q].Key && found.Distances[q][0] == 0) continue;
                cycle.SearchMisses++;
                cycle.Problems.Add($"id {batch[q].Key}: a search for its vector answers [{string.Join(", ", found.Ids[q])}] at [{string.Join(", ", found.Distances[q])}]");
            }
        }
    }

    /// <summary>The per-cycle table and the totals.</summary>
    public static string Table(List<Cycle> cycles, int kills, int seed)
    {
        var text = new StringBuilder();
        text.AppendLine(Cycle.Header);
        foreach (var cycle in cycles) text.AppendLine(cycle.Row());
        var restarts = cycles.Select(c => c.Restart.TotalSeconds).Order().ToArray();
        var last = cycles.LastOrDefault();
        text.AppendLine(CultureInfo.InvariantCulture, $"{cycles.Count} of {kills} kills (seed {seed}): {last?.TotalAcknowledged ?? 0} writes acknowledged, "
            + $"{(last?.TotalAcknowledged ?? 0) - cycles.Sum(c => c.LostWrites.Count)} recovered; {cycles.Sum(c => c.InFlight)} in flight at the kills, "
            + $"{cycles.Sum(c => c.Landed)} landed whole, {cycles.Sum(c => c.Torn)} torn; lost {cycles.Sum(c => c.LostWrites.Count)}, "
            + $"phantom {cycles.Sum(c => c.Phantom)}, search misses {cycles.Sum(c => c.SearchMisses)}, "
            + $"wrong answers {cycles.Sum(c => c.WrongAnswers)}");
        if (restarts.Length > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"restart (process start to /health 200): median {restarts[restarts.Length / 2]:F2} s, max {restarts[^1]:F2} s");
        foreach (var cycle in cycles.Where(c => !c.Clean))
            foreach (string problem in cycle.Problems.Take(20)) text.AppendLine(CultureInfo.InvariantCulture, $"cycle {cycle.Number}: {problem}");
        return text.ToString();
    }
}

/// <summary>One add or delete as sent: vectors are fresh random floats, so a stored vector tells which write put it there.</summary>
file sealed record Write(int Writer, long Serial, bool Delete, long[] Ids, float[][] Vectors)
{
    public override string ToString() => $"writer {Writer}'s write {Serial} ({(Delete ? "delete" : "add")} of {Ids.Length} ids)";
}

/// <summary>
/// A client sending one write at a time over ids of its own (so its writes are ordered, and at most one is in flight
/// at a kill), with the state its acknowledged writes make and every vector it ever sent for each id.
/// </summary>
file sealed class Writer(int number, long firstId, int idCount, int seed)
{
    public const int Dimension = 16;
    private readonly Random _random = new(seed);
    private readonly List<long> _used = [];
    private readonly Dictionary<long, long> _lastWrite = [];
    private long _serial;
    private Write? _inFlight;

    /// <summary>The state every acknowledged (or landed) write makes: id to vector.</summary>
    public Dictionary<long, float[]> Live { get; } = [];

    /// <summary>Every vector sent for each id.</summary>
    public Dictionary<long, List<float[]>> Sent { get; } = [];

    /// <summary>Writes acknowledged since the last check.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Writes acknowledged in all.</summary>
    public long TotalAcknowledged { get; private set; }

    /// <summary>Answers whose count of ids added or removed contradicts the model, since the last check.</summary>
    public List<string> WrongAnswers { get; } = [];

    /// <summary>
    /// Sends writes until one fails once <paramref name="killing"/> is true: that one is in flight at the kill, unless
    /// its connection could not even be made (sent after the kill).
    /// </summary>
    public async Task Run(HttpClient client, Func<bool> killing)
    {
        while (true)
        {
            var write = Next();
            try
            {
                await Send(client, write);
            }
            catch (Exception e) when (killing() && e is HttpRequestException or IOException or OperationCanceledException)
            {
                if (e is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }) _inFlight = write;
                return;
            }
            Apply(write, Enumerable.Range(0, write.Ids.Length));
            Acknowledged++;
            TotalAcknowledged++;
        }
    }

    /// <summary>
    /// Settles the write in flight at the kill from what the server holds (<paramref name="stored"/>, by id), then
    /// checks every id this writer ever sent against the model. A contradiction is told once: the model then takes
    /// what the server holds, so that later cycles count only new ones.
    /// </summary>
    public void Check(IReadOnlyDictionary<long, float[]?> stored, Cycle cycle)
    {
        if (_inFlight is { } write)
        {
            cycle.InFlight++;
            var landed = new List<int>();
            int absent = 0;
            for (int i = 0; i < write.Ids.Length; i++)
            {
                var before = Live.GetValueOrDefault(write.Ids[i]);
                var after = write.Delete ? null : write.Vectors[i];
                var now = stored[write.Ids[i]];
                bool isAfter = Requests.Same(now, after), isBefore = Requests.Same(now, before);
                if (isAfter && !isBefore) landed.Add(i);
                else if (isBefore && !isAfter) absent++;
            }
            if (landed.Count > 0 && absent > 0)
            {
                cycle.Torn++;
                cycle.Problems.Add($"{write} in flight is torn: {landed.Count} ids show it, {absent} do not");
            }
            if (landed.Count > 0) cycle.Landed++;
            Apply(write, landed);
            _inFlight = null;
        }
        WrongAnswers.Clear();
        foreach (var (id, sent) in Sent)
        {
            var expected = Live.GetValueOrDefault(id);
            var now = stored[id];
            if (Requests.Same(now, expected)) continue;
            if (now is not null && !sent.Any(v => Requests.Same(v, now)))
            {
                cycle.Phantom++;
                cycle.Problems.Add($"id {id} (writer {number}) holds a vector never sent for it");
            }
            else if (!_lastWrite.TryGetValue(id, out long serial))
            {
                cycle.Phantom++;
                cycle.Problems.Add($"id {id} (writer {number}) holds the vector of a write never acknowledged, found absent at an earlier restart");
            }
            else
            {
                cycle.LostWrites.Add((number, serial));
                cycle.Problems.Add($"id {id}: writer {number}'s acknowledged write {serial} is lost: "
                    + $"expected {(expected is null ? "no vector" : "its vector")}, found {(now is null ? "none" : "another vector sent for it")}");
            }
            if (now is null) Live.Remove(id);
            else Live[id] = now;
        }
        Acknowledged = 0;
    }

    /// <summary>The next write: an add (fresh ids, replacements of live ids, re-adds of deleted ones) or a delete.</summary>
    private Write Next()
    {
        bool delete = _used.Count > 0 && _random.NextDouble() < 0.3;
        int n = delete ? _random.Next(1, 21) : _random.Next(1, 51);
        var ids = new List<long>(n);
        var chosen = new HashSet<long>();
        for (int i = 0; i < n; i++)
        {
            bool fresh = !delete && _used.Count < idCount && (_used.Count == 0 || _random.NextDouble() < 0.5);
            long id = fresh ? firstId + _used.Count : _used[_random.Next(_used.Count)];
            if (!chosen.Add(id)) continue;
            if (fresh) _used.Add(id);
            ids.Add(id);
        }
        var vectors = delete ? [] : ids.Select(_ => Gaussian()).ToArray();
        for (int i = 0; i < vectors.Length; i++)
        {
            if (!Sent.TryGetValue(ids[i], out var list)) Sent[ids[i]] = list = [];
            list.Add(vectors[i]);
        }
        return new Write(number, ++_serial, delete, [.. ids], vectors);
    }

    private async Task Send(HttpClient client, Write write)
    {
        using var response = write.Delete
            ? await client.PostAsJsonAsync($"/collections/{CrashRun.Collection}/delete", new DeleteRequest(write.Ids), ApiJson.Api.DeleteRequest)
            : await client.PostAsJsonAsync($"/collections/{CrashRun.Collection}/vectors", new AddRequest(write.Ids, write.Vectors), ApiJson.Api.AddRequest);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{write} answered {(int)response.StatusCode}: {body}");
        int done = write.Delete
            ? System.Text.Json.JsonSerializer.Deserialize(body, ApiJson.Api.DeleteResponse)!.Removed
            : System.Text.Json.JsonSerializer.Deserialize(body, ApiJson.Api.AddResponse)!.Added;
        int expected = write.Delete ? write.Ids.Count(Live.ContainsKey) : write.Ids.Length;
        if (done != expected) WrongAnswers.Add($"{write} answered {body}: {expected} ids {(write.Delete ? "were live" : "were sent")}");
    }

    private void Apply(Write write, IEnumerable<int> rows)
    {
        foreach (int i in rows)
        {
            if (write.Delete) Live.Remove(write.Ids[i]);
            else Live[write.Ids[i]] = write.Vectors[i];
            _lastWrite[write.Ids[i]] = write.Serial;
        }
    }

    private float[] Gaussian()
    {
        var vector = new float[Dimension];
        for (int j = 0; j < vector.Length; j++)
            vector[j] = ServerHarness.Gaussian(_random);
        return vector;
    }
}

/// <summary>What one kill/restart cycle found.</summary>
file sealed class Cycle(int number)
{
    public const string Header =
        "cycle  acked  acked-total  in-flight  landed  rows-expected  rows-found  lost  phantom  torn  search-miss  wrong-answer  replayed  restart-s";

    public int Number { get; } = number;

    public int Acknowledged { get; set; }

    public long TotalAcknowledged { get; set; }

    public int InFlight { get; set; }

    public int Landed { get; set; }

    /// <summary>Live rows the model expects.</summary>
    public int Rows { get; set; }

    /// <summary>Live rows the restarted server counts.</summary>
    public int Found { get; set; }

    /// <summary>Acknowledged writes (writer, serial) some id contradicts.</summary>
    public HashSet<(int Writer, long Serial)> LostWrites { get; } = [];

    public int Phantom { get; set; }

    public int Torn { get; set; }

    public int SearchMisses { get; set; }

    /// <summary>Acknowledgements whose count of ids added or removed contradicts the model.</summary>
    public int WrongAnswers { get; set; }

    public int? Replayed { get; init; }

    public TimeSpan Restart { get; init; }

    public List<string> Problems { get; } = [];

    public bool Clean => Problems.Count == 0;

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"{Number,5}  {Acknowledged,5}  {TotalAcknowledged,11}  {InFlight,9}  {Landed,6}  {Rows,13}  {Found,10}  {LostWrites.Count,4}  {Phantom,7}  {Torn,4}  {SearchMisses,11}  {WrongAnswers,12}  {Replayed,8}  {Restart.TotalSeconds,9:F2}");
}

/// <summary><c>sigah serve</c> as a process of its own (<c>dotnet sigah.dll serve</c>), so that it can be killed.</summary>
file sealed class ServerProcess : IDisposable
{
    // Not [GeneratedRegex]: its generated part cannot see a file-local type.
    private static readonly Regex Listening = new(@"listening on (http://[^,\s]+)", RegexOptions.CultureInvariant);
    private static readonly Regex Opened = new(@"\((\d+) log records replayed", RegexOptions.CultureInvariant);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;

    private ServerProcess(Process process) => _process = process;

    /// <summary>A client for the server's address.</summary>
    public HttpClient Client { get; private set; } = new();

    /// <summary>Log records the collection replayed at start-up (null when it had none to open).</summary>
    public int? Replayed { get; private set; }

    /// <summary>Starts the server on <paramref name="dataDirectory"/> (a free port, small segments, a snapshot each second) and waits for /health.</summary>
    public static async Task<ServerProcess> Start(string dataDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Small segments and frequent snapshots, so that kills land in sealing, merging, log rotation and snapshots too.
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "sigah.dll"), "serve", "--data", dataDirectory,
            "--urls", "http://127.0.0.1:0", "--seal-rows", "128", "--snapshot-seconds", "1" })
            start.ArgumentList.Add(argument);
        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        try
        {
            await server.Launch();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process (SIGKILL) and waits for it to be gone.</summary>
    public async Task Kill()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (_started && !_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        Client.Dispose();
        _process.Dispose();
    }

    private async Task Launch()
    {
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"sigah serve exited before listening:\n{string.Join('\n', _lines)}"));
        _started = _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var address = await _listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Client.Dispose();
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await Client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"sigah serve at {address} is not healthy:\n{string.Join('\n', _lines)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Keeps the last lines for error messages (the output must be drained anyway) and reads the address and replay count.</summary>
    private void Take(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > 200) _lines.TryDequeue(out _);
        if (Listening.Match(line) is { Success: true } listening) _listening.TrySetResult(new Uri(listening.Groups[1].Value));
        if (Opened.Match(line) is { Success: true } opened) Replayed = int.Parse(opened.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
