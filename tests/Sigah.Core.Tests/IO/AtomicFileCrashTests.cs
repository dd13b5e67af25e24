using System.Diagnostics;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Kills a writer process (SIGKILL) half-way through an <see cref="AtomicFile"/> write and checks what a user
/// would find afterwards: the old file intact, the killed run's temporary file recognisable, and that file
/// removed by the next write into the directory — while a live writer's temporary file is left alone.
/// </summary>
public sealed class AtomicFileCrashTests : IDisposable
{
    private const int WriteBytes = 4 << 20;
    private static readonly byte[] OldContent = "the old, complete file"u8.ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Killed_writer_leaves_the_old_file_intact_and_the_next_write_removes_its_temporary_file()
    {
        string target = Path.Combine(_dir, "codes.npy");
        File.WriteAllBytes(target, OldContent);
        using var writer = StartHalfWrittenWriter(target);
        string temp = Path.Combine(_dir, $".codes.npy.{writer.Id}{AtomicFile.TempSuffix}");
        Assert.Equal(WriteBytes / 2, new FileInfo(temp).Length);

        writer.Kill();
        writer.WaitForExit();

        Assert.Equal(OldContent, File.ReadAllBytes(target));
        Assert.True(File.Exists(temp));
        Assert.Equal(writer.Id, AtomicTempFiles.WriterPid(Path.GetFileName(temp)));

        AtomicFile.Write(Path.Combine(_dir, "other.npy"), s => s.Write([1, 2, 3]));

        Assert.False(File.Exists(temp));
        Assert.Equal(OldContent, File.ReadAllBytes(target));
    }

    [Fact]
    public void A_live_writers_temporary_file_is_not_removed_and_its_write_completes()
    {
        string target = Path.Combine(_dir, "index.bin");
        File.WriteAllBytes(target, OldContent);
        using var writer = StartHalfWrittenWriter(target);
        string temp = Path.Combine(_dir, $".index.bin.{writer.Id}{AtomicFile.TempSuffix}");

        AtomicFile.Write(Path.Combine(_dir, "other.npy"), s => s.Write([1, 2, 3]));
        Assert.True(File.Exists(temp));
        Assert.Equal(OldContent, File.ReadAllBytes(target));

        writer.StandardInput.WriteLine("go on");
        writer.StandardInput.Flush();
        Assert.True(writer.WaitForExit(TimeSpan.FromSeconds(60)), "writer did not finish");
        Assert.Equal(0, writer.ExitCode);

        byte[] written = File.ReadAllBytes(target);
        Assert.Equal(WriteBytes, written.Length);
        Assert.All(written, b => Assert.Equal(0xAB, b));
        Assert.False(File.Exists(temp));
    }

    /// <summary>Starts the test writer on <paramref name="target"/> and returns once half its bytes are in the temporary file.</summary>
    private static Process StartHalfWrittenWriter(string target)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Sigah.SlowWriter.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(target);
        start.ArgumentList.Add(WriteBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result != "half-written")
        {
            process.Kill();
            throw new InvalidOperationException($"test writer did not reach the middle of its write (said '{line.Result}')");
        }
        return process;
    }
}
