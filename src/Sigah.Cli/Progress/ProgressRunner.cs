using Sigah.Core.Progress;
using Spectre.Console;

namespace Sigah.Cli.Progress;

/// <summary>
/// Runs a command's work with a progress sink on stderr (stdout stays free for results): bars when stderr is
/// a terminal, plain periodic lines otherwise.
/// </summary>
internal static class ProgressRunner
{
    public static T Run<T>(Func<IProgressSink, T> work)
    {
        if (Console.IsErrorRedirected)
            return work(new PlainProgress(Console.Error));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => work(new TerminalProgress(context, console)));
    }
}
