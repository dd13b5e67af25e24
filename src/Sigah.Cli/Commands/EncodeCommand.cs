using System.CommandLine;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah encode</c>. (Being built; see the issue that owns it.)</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var command = new Command("encode", "Not built yet");
        command.SetAction(new Func<ParseResult, int>(_ => throw new NotImplementedException("sigah encode is not built yet")));
        return command;
    }
}
