using System.Diagnostics;
using Npgsql;

namespace Sigah.Bench.ServeLoad;

/// <summary>
/// Closed-loop load: <c>concurrency</c> loops each send a request, wait for its answer, and send the next, until the
/// level's request count is reached or its time limit has passed. Request i of a target (counted across its levels)
/// is a write when i % writeEvery == writeEvery − 1, alternately an add of a new id and a delete of a base id, so both
/// targets get the same sequence of writes; every other request is a k = 10 search of query i mod nq.
/// </summary>
internal sealed class LoadRunner(ITarget target, int queryCount, long baseCount, int writeEvery)
{
    private long _issued;
    private long _writes;

    /// <summary>Runs one level: untimed warm-up searches on the level's connections, then the timed requests.</summary>
    public async Task<LevelResult> RunAsync(int concurrency, int requests, TimeSpan limit, int warmup)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => target.ConnectAsync())).ConfigureAwait(false);
        try
        {
            int warmed = -1;
            await Task.WhenAll(clients.Select(async client =>
            {
                for (int i = Interlocked.Increment(ref warmed); i < warmup; i = Interlocked.Increment(ref warmed))
                    await client.SearchAsync((int)((_issued + i) % queryCount)).ConfigureAwait(false);
            })).ConfigureAwait(false);

            var latencies = new long[requests];
            var isWrite = new bool[requests];
            int claimed = -1, errors = 0;
            string? firstError = null;
            string load = LoadAverage();
            long start = Stopwatch.GetTimestamp(), deadline = start + (long)(limit.TotalSeconds * Stopwatch.Frequency);
            long first = _issued;
            await Task.WhenAll(clients.Select(async client =>
            {
                // Each loop claims the next request; a claim after the deadline ends the loop, so every claimed request completes.
                for (int slot = Interlocked.Increment(ref claimed); slot < requests && Stopwatch.GetTimestamp() < deadline; slot = Interlocked.Increment(ref claimed))
                {
                    long i = first + slot;
                    bool write = writeEvery > 0 && i % writeEvery == writeEvery - 1;
                    long sent = Stopwatch.GetTimestamp();
                    try
                    {
                        if (!write) await client.SearchAsync((int)(i % queryCount)).ConfigureAwait(false);
                        else await WriteAsync(client).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is LoadException or NpgsqlException)
                    {
                        if (Interlocked.Increment(ref errors) == 1) firstError = e.Message;
                    }
                    latencies[slot] = Stopwatch.GetTimestamp() - sent;
                    isWrite[slot] = write;
                }
            })).ConfigureAwait(false);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            int done = Math.Min(claimed, requests);
            _issued = first + done;
            return LevelResult.From(target.Name, concurrency, latencies.AsSpan(0, done), isWrite.AsSpan(0, done), seconds, done < requests, errors, firstError, load);
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task WriteAsync(IClient client)
    {
        long w = Interlocked.Increment(ref _writes) - 1;
        return w % 2 == 0
            ? client.AddAsync(baseCount + w / 2, (int)(w / 2 % queryCount))
            : client.DeleteAsync(baseCount - 1 - w / 2);
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
