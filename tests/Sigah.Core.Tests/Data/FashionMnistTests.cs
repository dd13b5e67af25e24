using System.IO.Compression;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using Sigah.Core.Data;
using Sigah.IO.Data;

namespace Sigah.Core.Tests.Data;

/// <summary>
/// Fashion-MNIST from Debian's package and through the download path, which a local server on 127.0.0.1 feeds with
/// the Debian copies (the CI installs <c>dataset-fashion-mnist</c>).
/// </summary>
public class FashionMnistTests
{
    private const string Train = "train-images-idx3-ubyte.gz", Test = "t10k-images-idx3-ubyte.gz";

    private static byte[] Debian(string file) => File.ReadAllBytes(Path.Combine(FashionMnistLocations.DebianDirectory, file));

    [Fact]
    public void Loads_from_the_debian_package_scaled_to_unit_range()
    {
        var data = Datasets.Load("fashion-mnist");
        Assert.Equal("fashion-mnist", data.Name);
        Assert.Equal((60_000, 784), (data.Train.Rows, data.Train.Cols));
        Assert.Equal((10_000, 784), (data.Queries.Rows, data.Queries.Cols));
        Assert.Null(data.GroundTruth);
        Assert.Equal(0f, TensorPrimitives.Min<float>(data.Train.Data));
        Assert.Equal(1f, TensorPrimitives.Max<float>(data.Train.Data));
        // First test image, pixel at row 10, column 14 (a value from the IDX bytes, divided by 255).
        byte[] raw = Gunzip(Debian(Test));
        Assert.Equal(raw[16 + 10 * 28 + 14] / 255f, data.Queries.Data[10 * 28 + 14]);
    }

    [Fact]
    public void Downloads_once_into_the_cache_and_verifies()
    {
        using var dir = new TempDirectory();
        using var server = new LocalHttpServer(new() { [Train] = Debian(Train), [Test] = Debian(Test) });
        var locations = new FashionMnistLocations([dir.File("nowhere")], dir.File("cache"), server.BaseUrl);
        var first = FashionMnist.Load(locations);
        Assert.Equal(2, server.Requests);
        Assert.Equal(Debian(Train), File.ReadAllBytes(dir.File("cache/" + Train)));
        var second = FashionMnist.Load(locations);
        Assert.Equal(2, server.Requests);
        Assert.Equal(first.Train.Data, second.Train.Data);
        Assert.Equal((10_000, 784), (second.Queries.Rows, second.Queries.Cols));
    }

    [Fact]
    public void A_download_with_other_content_is_rejected_and_not_cached()
    {
        using var dir = new TempDirectory();
        byte[] content = Gunzip(Debian(Train));
        content[1000] ^= 1;
        using var server = new LocalHttpServer(new() { [Train] = Gzip(content), [Test] = Debian(Test) });
        var locations = new FashionMnistLocations([], dir.File("cache"), server.BaseUrl);
        string hash = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal($"fashion-mnist: {Train} downloaded from {server.BaseUrl}{Train} failed verification " +
            $"(SHA-256 of its content is {hash}, expected c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888)",
            Assert.Throws<UserInputException>(() => FashionMnist.Load(locations)).Message);
        Assert.Empty(Directory.GetFiles(dir.File("cache")));
    }

    [Fact]
    public void Truncated_and_non_gzip_downloads_are_rejected()
    {
        using var dir = new TempDirectory();
        using var server = new LocalHttpServer(new() { [Train] = Debian(Train)[..5000], [Test] = "<html>moved</html>"u8.ToArray() });
        var locations = new FashionMnistLocations([], dir.File("cache"), server.BaseUrl);
        Assert.StartsWith($"fashion-mnist: {Train} downloaded from {server.BaseUrl}{Train} failed verification (SHA-256 of its content is ",
            Assert.Throws<UserInputException>(() => FashionMnist.Load(locations)).Message);
        var testOnly = locations with { SearchDirectories = [FashionMnistLocations.DebianDirectory] };
        Directory.CreateDirectory(dir.File("debian-train-only"));
        File.Copy(Path.Combine(FashionMnistLocations.DebianDirectory, Train), dir.File("debian-train-only/" + Train));
        testOnly = testOnly with { SearchDirectories = [dir.File("debian-train-only")] };
        Assert.Equal($"fashion-mnist: {Test} downloaded from {server.BaseUrl}{Test} failed verification (not a valid gzip file)",
            Assert.Throws<UserInputException>(() => FashionMnist.Load(testOnly)).Message);
        Assert.Empty(Directory.GetFiles(dir.File("cache")));
    }

    [Fact]
    public void Missing_files_and_closed_servers_are_reported()
    {
        using var dir = new TempDirectory();
        using (var server = new LocalHttpServer([]))
        {
            var locations = new FashionMnistLocations([], dir.File("cache"), server.BaseUrl);
            Assert.Equal($"fashion-mnist: cannot download {server.BaseUrl}{Train}: HTTP 404 (Not Found)",
                Assert.Throws<UserInputException>(() => FashionMnist.Load(locations)).Message);
        }
        var closed = new FashionMnistLocations([], dir.File("cache"), new Uri("http://127.0.0.1:1/"));
        Assert.StartsWith($"fashion-mnist: cannot download http://127.0.0.1:1/{Train}: ",
            Assert.Throws<UserInputException>(() => FashionMnist.Load(closed)).Message);
    }

    [Fact]
    public void The_environment_chooses_cache_and_mirror()
    {
        var defaults = FashionMnistLocations.FromEnvironment();
        Assert.Equal([FashionMnistLocations.DebianDirectory], defaults.SearchDirectories);
        Assert.EndsWith(Path.Combine("sigah", "fashion-mnist"), defaults.CacheDirectory);
        string? url = Environment.GetEnvironmentVariable(FashionMnistLocations.BaseUrlVariable);
        Assert.Equal(string.IsNullOrEmpty(url) ? FashionMnistLocations.OfficialBaseUrl : url.TrimEnd('/') + "/", defaults.BaseUrl.ToString());
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress)) gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }
}
