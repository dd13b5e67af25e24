using Sigah.IO;

namespace Sigah.Core.Tests.IO;

public sealed class AtomicTempFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-temp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(".codes.npy.4242.sigah-tmp", 4242)]
    [InlineData(".a.1.sigah-tmp", 1)]
    [InlineData(".model.bin.v2.17.sigah-tmp", 17)]
    [InlineData("codes.npy", null)]
    [InlineData("codes.npy.12.sigah-tmp", null)]
    [InlineData(".codes.npy.x12.sigah-tmp", null)]
    [InlineData(".codes.npy.-3.sigah-tmp", null)]
    [InlineData(".codes.npy.0.sigah-tmp", null)]
    [InlineData("..sigah-tmp", null)]
    [InlineData(".12.sigah-tmp", null)]
    public void WriterPid_reads_the_pid_of_Sigah_temporary_files_only(string name, int? pid) =>
        Assert.Equal(pid, AtomicTempFiles.WriterPid(name));

    [Fact]
    public void For_names_the_temporary_file_beside_its_target_with_this_process_id()
    {
        string temp = AtomicTempFiles.For(Path.Combine(_dir, "gt.ivecs"));
        Assert.Equal(Path.Combine(_dir, $".gt.ivecs.{Environment.ProcessId}.sigah-tmp"), temp);
        Assert.Equal(Environment.ProcessId, AtomicTempFiles.WriterPid(Path.GetFileName(temp)));
    }

    [Fact]
    public void RemoveStale_removes_files_of_dead_writers_and_keeps_live_ones_and_other_files()
    {
        int dead = DeadPid();
        string ofDead = Touch($".codes.npy.{dead}.sigah-tmp");
        string ofOwnPidNotInFlight = Touch($".old.npy.{Environment.ProcessId}.sigah-tmp");
        string ofLiveInit = Touch(".model.bin.1.sigah-tmp");
        string oldOfLiveInit = Touch(".index.bin.1.sigah-tmp");
        File.SetLastWriteTimeUtc(oldOfLiveInit, DateTime.UtcNow - AtomicTempFiles.StaleAge - TimeSpan.FromMinutes(1));
        string userFile = Touch("results.json");
        string lookalike = Touch($"notours.{dead}.sigah-tmp");

        Assert.Equal(3, AtomicTempFiles.RemoveStale(_dir));

        Assert.False(File.Exists(ofDead));
        Assert.False(File.Exists(ofOwnPidNotInFlight));
        Assert.False(File.Exists(oldOfLiveInit));
        Assert.True(File.Exists(ofLiveInit));
        Assert.True(File.Exists(userFile));
        Assert.True(File.Exists(lookalike));
    }

    [Fact]
    public void A_write_in_progress_in_this_process_keeps_its_own_temporary_file()
    {
        string target = Path.Combine(_dir, "a.npy");
        AtomicFile.Write(target, s =>
        {
            s.Write([9]);
            Assert.Equal(0, AtomicTempFiles.RemoveStale(_dir));
            s.Write([8]);
        });
        Assert.Equal(new byte[] { 9, 8 }, File.ReadAllBytes(target));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        string target = Path.Combine(_dir, "codes.npy");
        File.WriteAllBytes(target, [1, 2, 3]);
        var e = Assert.Throws<UserInputException>(() => AtomicFile.Write(target, s =>
        {
            s.Write(new byte[1000]);
            throw new UserInputException("x.fvecs: row 3 is truncated");
        }));
        Assert.Equal("x.fvecs: row 3 is truncated", e.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
        Assert.Equal(["codes.npy"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Unwritable_locations_are_one_line_user_errors_naming_the_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "out.npy"));
        File.WriteAllBytes(Path.Combine(_dir, "plain"), [1]);
        Assert.Equal("codes.npy: cannot write: directory does not exist",
            Assert.Throws<UserInputException>(() => AtomicFile.Write(Path.Combine(_dir, "missing", "codes.npy"), _ => { })).Message);
        Assert.Equal("codes.npy: cannot write: directory does not exist",
            Assert.Throws<UserInputException>(() => AtomicFile.Write(Path.Combine(_dir, "plain", "codes.npy"), _ => { })).Message);
        Assert.Equal("out.npy: cannot write: it is a directory",
            Assert.Throws<UserInputException>(() => AtomicFile.Write(Path.Combine(_dir, "out.npy"), _ => { })).Message);
    }

    private string Touch(string name)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [0]);
        return path;
    }

    /// <summary>A pid no process has: one just used by a process that has exited and been reaped.</summary>
    private static int DeadPid()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }
}
