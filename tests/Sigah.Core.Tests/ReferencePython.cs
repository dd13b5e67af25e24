using System.Diagnostics;

namespace Sigah.Core.Tests;

/// <summary>Runs a script in Debian's python, which has numpy, scipy and h5py (the python on PATH may not), for reference values.</summary>
internal static class ReferencePython
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The standard output of <paramref name="script"/> run with <paramref name="args"/>, trimmed; fails the test if python fails.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "-c", script }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python failed: {error.Result}");
        return output.Trim();
    }
}
