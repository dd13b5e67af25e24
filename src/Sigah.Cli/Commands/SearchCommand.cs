using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah search</c>. (Being built; see the issue that owns it.)</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var command = new Command("search", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah search is not built yet")));
        return command;
    }
}
