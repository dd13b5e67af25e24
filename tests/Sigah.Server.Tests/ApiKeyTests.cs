using System.Net.Http.Headers;

namespace Sigah.Server.Tests;

public class ApiKeyTests
{
    private const string ReadKey = "read-key-0123456789abcdef", WriteKey = "write-key-0123456789abcdef";

    [Fact]
    public async Task Reads_need_a_key_and_writes_need_a_write_key()
    {
        string keys = Path.GetTempFileName();
        await File.WriteAllTextAsync(keys, $"# test keys\nread {ReadKey}\nwrite {WriteKey}\n");
        try
        {
            await using var server = await ServerHarness.Start(configure: o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, ApiKeysFile = keys });
            Assert.Equal(200, (int)(await server.Client.GetAsync("/health")).StatusCode);
            await BadRequestTests.AssertProblem(await server.Client.GetAsync("/collections"), 401, "Authorization", "an API key is required");
            Use(server, "not-a-key-at-all-really");
            await BadRequestTests.AssertProblem(await server.Client.GetAsync("/collections"), 401, "Authorization", "unknown API key");
            Use(server, ReadKey);
            Assert.Equal(200, (int)(await server.Client.GetAsync("/collections")).StatusCode);
            await BadRequestTests.AssertProblem(await server.CreateCollection("c", ServerHarness.ModelBytes(8, 8)), 403, "Authorization", "this key may read but not write");
            Use(server, WriteKey);
            Assert.Equal(201, (int)(await server.CreateCollection("c", ServerHarness.ModelBytes(8, 8))).StatusCode);
            Assert.Equal(200, (int)(await server.PostJson("/collections/c/vectors", new { ids = new[] { 1L }, vectors = new[] { new float[8] } })).StatusCode);
            Use(server, ReadKey);
            Assert.Equal(200, (int)(await server.PostJson("/collections/c/search", new { vectors = new[] { new float[8] } })).StatusCode);
            await BadRequestTests.AssertProblem(await server.PostJson("/collections/c/delete", new { ids = new[] { 1L } }), 403, "Authorization", "may read but not write");
            Assert.Equal(200, (int)(await server.Client.GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    [Theory]
    [InlineData("read short\n", "line 1: a key needs at least 16 characters")]
    [InlineData("admin 0123456789abcdef0\n", "line 1: expected 'read KEY' or 'write KEY'")]
    [InlineData("read 0123456789abcdef0\nwrite 0123456789abcdef0\n", "a key is listed twice (read and write keys must differ)")]
    [InlineData("# nothing\n", "no keys")]
    public async Task A_bad_key_file_stops_the_server_from_starting_with_one_line_naming_it(string text, string problem)
    {
        string keys = Path.GetTempFileName();
        await File.WriteAllTextAsync(keys, text);
        try
        {
            var e = await Assert.ThrowsAsync<Sigah.Core.UserInputException>(() => ServerHarness.Start(configure: o => new() { DataDirectory = o.DataDirectory, Urls = o.Urls, ApiKeysFile = keys }));
            Assert.Equal($"{Path.GetFileName(keys)}: {problem}", e.Message);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    private static void Use(ServerHarness server, string key) => server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
}
