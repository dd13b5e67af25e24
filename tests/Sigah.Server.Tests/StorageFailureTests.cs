using System.Diagnostics;

namespace Sigah.Server.Tests;

/// <summary>
/// A full disk and a read-only data directory, for real: the data directory is a small tmpfs mounted for the test
/// (root only: CI runs as root; elsewhere the test says so and does nothing).
/// </summary>
public class StorageFailureTests
{
    private const int Dimension = 32;

    [Fact]
    public Task A_full_disk_fails_writes_with_507_while_searches_go_on() => OnTmpfs("2m", async mount =>
    {
        await using var server = await ServerHarness.Start(mount);
        byte[] model = ServerHarness.ModelBytes(Dimension, bits: 32);
        Assert.Equal(201, (int)(await server.CreateCollection("c", model, rerank: true)).StatusCode);
        var first = ServerHarness.Vectors(100, Dimension, seed: 1);
        Assert.Equal(200, (int)(await server.Client.PostAsync("/collections/c/vectors?first_id=0", SearchApiTests.Npy(first, 100))).StatusCode);
        var query = new { vectors = SearchApiTests.Rows(first, 100)[..3], k = 5 };

        // Fill the disk: 1,000 vectors of 32 floats with their codes are ~150 KB a request, 2 MiB runs out.
        int status = 200, batch = 1;
        while (status == 200 && batch < 100)
            status = (int)(await server.Client.PostAsync($"/collections/c/vectors?first_id={batch++ * 1000}", SearchApiTests.Npy(ServerHarness.Vectors(1000, Dimension, batch), 1000))).StatusCode;
        string before = (await ServerHarness.Json(await server.PostJson("/collections/c/search", query))).ToJsonString();
        var full = await server.Client.PostAsync("/collections/c/vectors?first_id=999000", SearchApiTests.Npy(ServerHarness.Vectors(1000, Dimension, 7), 1000));
        await BadRequestTests.AssertProblem(full, 507, null, "collection 'c': the write was not written: the disk is full");
        int count = (int)(await ServerHarness.Json(await server.Client.GetAsync("/collections/c")))["count"]!;
        Assert.Equal((batch - 2) * 1000 + 100, count);
        Assert.Equal(before, (await ServerHarness.Json(await server.PostJson("/collections/c/search", query))).ToJsonString());
    });

    [Fact]
    public Task A_read_only_data_directory_serves_searches_and_fails_writes_with_500_until_it_is_writable() => OnTmpfs("4m", async mount =>
    {
        var vectors = ServerHarness.Vectors(300, Dimension, seed: 1);
        var query = new { vectors = SearchApiTests.Rows(vectors, 300)[..3], k = 5 };
        string before;
        await using (var server = await ServerHarness.Start(mount))
        {
            await server.CreateCollection("c", ServerHarness.ModelBytes(Dimension, bits: 32));
            await server.Client.PostAsync("/collections/c/vectors?first_id=0", SearchApiTests.Npy(vectors, 300));
            before = (await ServerHarness.Json(await server.PostJson("/collections/c/search", query))).ToJsonString();
        }
        Run("mount", "-o", "remount,ro", mount);
        await using (var server = await ServerHarness.Start(mount))
        {
            Assert.Equal(before, (await ServerHarness.Json(await server.PostJson("/collections/c/search", query))).ToJsonString());
            var refused = await server.PostJson("/collections/c/delete", new { ids = new[] { 1L } });
            await BadRequestTests.AssertProblem(refused, 500, null, "collection 'c': the write was not written: the data directory cannot be written");
            Assert.Equal(300, (int)(await ServerHarness.Json(await server.Client.GetAsync("/collections/c")))["count"]!);

            Run("mount", "-o", "remount,rw", mount);
            var accepted = await server.PostJson("/collections/c/delete", new { ids = new[] { 1L } });
            Assert.Equal(200, (int)accepted.StatusCode);
            Assert.Equal(299, (int)(await ServerHarness.Json(accepted))["count"]!);
        }
    });

    /// <summary>Runs <paramref name="test"/> on a fresh tmpfs of <paramref name="size"/> (unmounted afterwards).</summary>
    private static async Task OnTmpfs(string size, Func<string, Task> test)
    {
        if (Environment.UserName != "root")
        {
            Console.WriteLine("StorageFailureTests: not root, cannot mount a tmpfs; nothing tested");
            return;
        }
        string mount = Directory.CreateTempSubdirectory("sigah-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", mount);
        try
        {
            await test(mount);
        }
        finally
        {
            Run("umount", mount);
            Directory.Delete(mount);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: {error}");
    }
}
