using System.Diagnostics;
using Sigah.Core.Progress;

namespace Sigah.Cli.Progress;

/// <summary>
/// Progress for logs (stderr not a terminal): one line per stage start and end, and at most one line every
/// <see cref="Interval"/> in between, so CI logs stay readable.
/// </summary>
internal sealed class PlainProgress(TextWriter output) : IProgressSink
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string? _stage;
    private TimeSpan _last = TimeSpan.MinValue;

    public void Report(string stage, long done, long total)
    {
        lock (_gate)
        {
            bool first = stage != _stage, finished = done >= total;
            if (!first && !finished && _clock.Elapsed - _last < Interval) return;
            _stage = stage;
            _last = _clock.Elapsed;
            double percent = total > 0 ? 100.0 * done / total : 100.0;
            output.WriteLine($"[{_clock.Elapsed:hh\\:mm\\:ss}] {stage}: {done}/{total} ({percent:F0}%)");
        }
    }

    public void Message(string text)
    {
        lock (_gate) output.WriteLine($"[{_clock.Elapsed:hh\\:mm\\:ss}] {text}");
    }
}
