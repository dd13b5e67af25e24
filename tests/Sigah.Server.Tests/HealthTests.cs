namespace Sigah.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Health_is_200_and_ready_once_started()
    {
        await using var server = await ServerHarness.Start();
        var response = await server.Client.GetAsync("/health");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ready", (string?)(await ServerHarness.Json(response))["status"]);
    }
}
