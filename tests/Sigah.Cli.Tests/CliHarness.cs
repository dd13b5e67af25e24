using System.Diagnostics;

namespace Sigah.Cli.Tests;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the real <c>sigah</c> CLI exactly as users and scripts do, through the repository's <c>./sigah</c> script,
/// so the tests exercise the shipped native (AOT) build: exit codes, stdout and stderr are what a user's script
/// sees, and anything the AOT compiler dropped or could not compile fails here.
/// </summary>
public static class CliHarness
{
    /// <summary>The repository root (where ./sigah lives).</summary>
    public static readonly string RepositoryRoot = FindRepositoryRoot();

    private static readonly string Script = Path.Combine(RepositoryRoot, "sigah");

    /// <summary>
    /// The first use builds the CLI if it is out of date (a native publish takes minutes on a busy 2-core
    /// machine), once, with its own time limit, so no command's limit below has to cover the build.
    /// </summary>
    private static readonly Lazy<bool> Built = new(() =>
    {
        var result = Start(null, ["--version"], TimeSpan.FromMinutes(30));
        if (result.ExitCode != 0) throw new InvalidOperationException($"building the sigah CLI failed:\n{result.StdErr}");
        return true;
    });

    /// <summary>Runs <c>sigah args…</c> in <paramref name="workingDirectory"/> (default: the current one).</summary>
    public static CliResult RunIn(string? workingDirectory, params string[] args)
    {
        _ = Built.Value;
        return Start(workingDirectory, args, TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs <c>sigah args…</c> in the current directory.</summary>
    public static CliResult Run(params string[] args) => RunIn(null, args);

    private static CliResult Start(string? workingDirectory, string[] args, TimeSpan limit)
    {
        var info = new ProcessStartInfo(Script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sigah {string.Join(' ', args)} did not finish in {limit.TotalMinutes} minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The repository root: the nearest directory above the test binaries holding the <c>sigah</c> script and <c>Sigah.slnx</c>.</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "sigah")) && File.Exists(Path.Combine(dir.FullName, "Sigah.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no repository root (with ./sigah and Sigah.slnx) above {AppContext.BaseDirectory}");
    }
}
