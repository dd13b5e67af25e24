using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah index</c>. (Being built; see the issue that owns it.)</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var command = new Command("index", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah index is not built yet")));
        return command;
    }
}
