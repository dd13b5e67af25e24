using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Sigah.Cluster.Tests;

/// <summary>
/// One silo of a test cluster as a process of its own (<c>dotnet sigah.dll serve --cluster …</c>, the JIT-compiled
/// CLI next to the test assembly), on 127.0.0.1 with free ports, so that a test can kill it (SIGKILL). Its output
/// goes to a log file (kept with the data directory when a test fails) and its last lines into error messages.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    // Not [GeneratedRegex]: kept simple for a test helper.
    private static readonly Regex Listening = new(@"listening on (http://[^,\s]+)", RegexOptions.CultureInvariant);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started, _closed;

    private SiloProcess(Process process, int number, int siloPort, string logPath)
    {
        _process = process;
        Number = number;
        SiloPort = siloPort;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    /// <summary>The silo's number in its test (for messages).</summary>
    public int Number { get; }

    /// <summary>The port silos talk to it on: how <c>GET /cluster</c> names it (<c>127.0.0.1:PORT@generation</c>).</summary>
    public int SiloPort { get; }

    /// <summary>Its HTTP API.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>True once killed.</summary>
    public bool Killed { get; private set; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True when <paramref name="siloAddress"/> (as <c>GET /cluster</c> writes it) is this silo.</summary>
    public bool Is(string siloAddress) => siloAddress.Contains($":{SiloPort}@", StringComparison.Ordinal);

    /// <summary>Starts a silo of the cluster in <paramref name="connection"/> and waits until its API answers <c>/health</c>.</summary>
    public static async Task<SiloProcess> Start(int number, string connection, string clusterId, string dataDirectory, string storage)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        int siloPort = TestData.FreePort(), gatewayPort = TestData.FreePort();
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "sigah.dll"), "serve", "--cluster", connection, "--cluster-id", clusterId,
            "--data", dataDirectory, "--storage", storage, "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--urls", "http://127.0.0.1:0", "--advertise", "127.0.0.1" })
            start.ArgumentList.Add(argument);
        var silo = new SiloProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, number, siloPort,
            Path.Combine(dataDirectory, $"silo-{number}-{siloPort}.log"));
        try
        {
            await silo.Launch();
            return silo;
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process (SIGKILL) and waits for it to be gone.</summary>
    public async Task Kill()
    {
        Killed = true;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>The last lines it wrote.</summary>
    public string Tail() => string.Join('\n', _lines);

    public void Dispose()
    {
        try
        {
            if (_started && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private async Task Launch()
    {
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"silo {Number} exited before listening:\n{Tail()}"));
        _started = _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Url = await _listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"silo {Number} at {Url} is not healthy:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    private void Take(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (!_closed) _log.WriteLine(line);
        }
        _lines.Enqueue(line);
        while (_lines.Count > 100) _lines.TryDequeue(out _);
        if (Listening.Match(line) is { Success: true } listening) _listening.TrySetResult(new Uri(listening.Groups[1].Value));
    }
}
