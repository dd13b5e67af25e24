using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah train</c>. (Being built; see the issue that owns it.)</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah train is not built yet")));
        return command;
    }
}
