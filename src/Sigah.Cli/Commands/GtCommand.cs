using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah gt</c>. (Being built; see the issue that owns it.)</summary>
internal static class GtCommand
{
    public static Command Create()
    {
        var command = new Command("gt", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah gt is not built yet")));
        return command;
    }
}
