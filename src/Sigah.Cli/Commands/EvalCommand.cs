using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah eval</c>. (Being built; see the issue that owns it.)</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah eval is not built yet")));
        return command;
    }
}
