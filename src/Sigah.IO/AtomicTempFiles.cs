using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Sigah.IO;

/// <summary>
/// Names, recognises and cleans up the temporary files of <see cref="AtomicFile"/>. A temporary file is
/// named <c>.{target name}.{writer pid}.sigah-tmp</c> and sits beside its target, so one left behind by a
/// killed run says which process wrote it. Such a file is stale, and safe to delete, when its writer is no
/// longer running, when its writer is this process but this process is not writing it (the pid was reused),
/// or when nobody has written to it for <see cref="StaleAge"/> (the pid was reused by another process). A
/// temporary file of another live process that is still being written is never touched.
/// </summary>
internal static class AtomicTempFiles
{
    /// <summary>Suffix that marks Sigah's temporary files.</summary>
    public const string Suffix = ".sigah-tmp";

    /// <summary>
    /// A temporary file untouched this long is stale even if a process with its pid is running: every
    /// writer updates its file as it writes, so a live pid on so old a file belongs to another program.
    /// </summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromHours(24);

    private static readonly ConcurrentDictionary<string, byte> InFlight = new(StringComparer.Ordinal);

    /// <summary>The temporary file this process uses for the target <paramref name="fullPath"/> (an absolute path).</summary>
    public static string For(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!,
            $".{Path.GetFileName(fullPath)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}{Suffix}");

    /// <summary>
    /// The pid in a temporary file's name, or null when <paramref name="fileName"/> (a name without
    /// directory) is not one of Sigah's temporary files.
    /// </summary>
    public static int? WriterPid(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!fileName.StartsWith('.') || !fileName.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        string stem = fileName[..^Suffix.Length];
        int dot = stem.LastIndexOf('.');
        if (dot <= 1) return null;
        return int.TryParse(stem.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;
    }

    /// <summary>
    /// Deletes the stale temporary files (see the class summary) in <paramref name="directory"/> and returns
    /// how many it deleted. Files it cannot inspect or delete are left alone: cleaning up must never make a
    /// write fail.
    /// </summary>
    public static int RemoveStale(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(directory, "*" + Suffix).ToList(); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
        int removed = 0;
        foreach (string file in candidates)
        {
            int? pid = WriterPid(Path.GetFileName(file));
            if (pid is null || !IsStale(file, pid.Value)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Marks <paramref name="tempPath"/> as being written by this process (see <see cref="Release"/>).</summary>
    internal static void Claim(string tempPath) => InFlight[tempPath] = 0;

    /// <summary>Ends the claim of <see cref="Claim"/>.</summary>
    internal static void Release(string tempPath) => InFlight.TryRemove(tempPath, out _);

    private static bool IsStale(string file, int pid)
    {
        if (pid == Environment.ProcessId) return !InFlight.ContainsKey(file);
        if (!IsRunning(pid)) return true;
        try { return DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAge; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
