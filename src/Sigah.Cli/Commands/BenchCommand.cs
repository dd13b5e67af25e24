using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah bench</c>. (Being built; see the issue that owns it.)</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah bench is not built yet")));
        return command;
    }
}
