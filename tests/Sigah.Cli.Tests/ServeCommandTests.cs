namespace Sigah.Cli.Tests;

public class ServeCommandTests
{
    [Theory]
    [InlineData("--max-batch", "0", "error: --max-batch: 0 must be positive\n")]
    [InlineData("--urls", ";", "error: --urls: at least one address is required\n")]
    [InlineData("--api-keys", "/nonexistent/keys.txt", "error: keys.txt: no such file\n")]
    public void Impossible_options_are_one_error_line_before_anything_listens(string option, string value, string error)
    {
        string data = Directory.CreateTempSubdirectory("sigah-serve-").FullName;
        try
        {
            var result = CliHarness.Run("serve", "--data", data, option, value);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal(error, result.StdErr);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
