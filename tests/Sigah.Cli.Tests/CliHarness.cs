using System.Diagnostics;

namespace Sigah.Cli.Tests;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the real <c>sigah</c> CLI (the sigah.dll copied beside the tests) as a child process, so exit codes,
/// stdout and stderr are exactly what a user's script sees.
/// </summary>
public static class CliHarness
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "sigah.dll");

    /// <summary>Runs <c>sigah args…</c> in <paramref name="workingDirectory"/> (default: the current one).</summary>
    public static CliResult RunIn(string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sigah {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs <c>sigah args…</c> in the current directory.</summary>
    public static CliResult Run(params string[] args) => RunIn(null, args);
}
