using Sigah.Core.Progress;
using Spectre.Console;

namespace Sigah.Cli.Progress;

/// <summary>Progress on a terminal: one Spectre.Console bar per stage; messages print above the bars.</summary>
internal sealed class TerminalProgress(ProgressContext context, IAnsiConsole console) : IProgressSink
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(string stage, long done, long total)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(stage, out var task))
                _tasks[stage] = task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, total));
            task.MaxValue = Math.Max(1, total);
            task.Value = Math.Min(done, total);
        }
    }

    public void Message(string text)
    {
        lock (_gate) console.MarkupLine(Markup.Escape(text));
    }
}
