namespace Sigah.Cli.Tests;

public class CliConventionTests
{
    [Fact]
    public void Unknown_command_is_one_error_line_with_exit_code_1()
    {
        var result = CliHarness.Run("frobnicate");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: Unrecognized command or argument 'frobnicate'.\n", result.StdErr);
    }

    [Fact]
    public void Help_lists_every_contract_command()
    {
        var result = CliHarness.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "gt", "train", "encode", "search", "index", "eval", "bench", "export", "serve" })
            Assert.Matches($"(?m)^  {command} ", result.StdOut);
    }
}
