using System.IO.Compression;
using System.Security.Cryptography;
using Sigah.Core;
using Sigah.Core.Progress;
using Sigah.IO;

namespace Sigah.IO.Data;

/// <summary>
/// The Fashion-MNIST images as a retrieval dataset: the 60,000 training images are the database, the 10,000 test
/// images the queries, 784 pixels each scaled to [0, 1]. Files come from a search directory (Debian's package),
/// else from the cache, else they are downloaded once into the cache and verified.
/// </summary>
internal static class FashionMnist
{
    /// <summary>The dataset's name for <see cref="Datasets.Load"/>.</summary>
    public const string Name = "fashion-mnist";

    private const string TrainFile = "train-images-idx3-ubyte.gz";
    private const string TestFile = "t10k-images-idx3-ubyte.gz";

    // SHA-256 of the *decompressed* IDX content. Distributors recompress the .gz files (Debian's differ byte-wise
    // from the official ones), but the images inside are the same, so the content is what gets verified.
    private static readonly Dictionary<string, string> ContentSha256 = new Dictionary<string, string>
    {
        [TrainFile] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        [TestFile] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    };

    /// <summary>Loads the dataset from <paramref name="locations"/> (default: <see cref="FashionMnistLocations.FromEnvironment"/>).</summary>
    public static Dataset Load(FashionMnistLocations? locations = null, IProgressSink? progress = null)
    {
        locations ??= FashionMnistLocations.FromEnvironment();
        progress ??= NullProgress.Instance;
        string trainPath = Locate(TrainFile, locations, progress), testPath = Locate(TestFile, locations, progress);
        // Labels are read where they lie beside the images; they are never downloaded.
        static string Beside(string images, string labels) => Path.Combine(Path.GetDirectoryName(images) ?? ".", labels);
        return MnistFiles.Load(Name, trainPath, testPath,
            Beside(trainPath, "train-labels-idx1-ubyte.gz"), Beside(testPath, "t10k-labels-idx1-ubyte.gz"));
    }

    /// <summary>The path of <paramref name="file"/>: found in a search directory or the cache, or downloaded into the cache.</summary>
    private static string Locate(string file, FashionMnistLocations locations, IProgressSink progress)
    {
        foreach (string dir in locations.SearchDirectories)
        {
            string candidate = Path.Combine(dir, file);
            if (File.Exists(candidate)) return candidate;
        }
        string cached = Path.Combine(locations.CacheDirectory, file);
        if (File.Exists(cached)) return cached;
        Directory.CreateDirectory(locations.CacheDirectory);
        Download(new Uri(locations.BaseUrl, file), cached, file, progress);
        return cached;
    }

    /// <summary>Downloads <paramref name="url"/> into <paramref name="target"/>, which appears only once its content is verified.</summary>
    private static void Download(Uri url, string target, string file, IProgressSink progress)
    {
        progress.Message($"{Name}: downloading {url}");
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var body = new MemoryStream();
        try
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
                throw new UserInputException($"{Name}: cannot download {url}: HTTP {(int)response.StatusCode} ({response.ReasonPhrase})");
            long total = response.Content.Headers.ContentLength ?? 0;
            using var stream = response.Content.ReadAsStream();
            var buffer = new byte[1 << 16];
            for (int read; (read = stream.Read(buffer)) > 0;)
            {
                body.Write(buffer, 0, read);
                progress.Report($"download {file}", body.Length, Math.Max(total, body.Length));
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new UserInputException($"{Name}: cannot download {url}: {e.Message}", e);
        }
        string expected = ContentSha256[file];
        string? actual = ContentHash(body);
        if (actual != expected)
            throw new UserInputException($"{Name}: {file} downloaded from {url} failed verification (" +
                (actual is null ? "not a valid gzip file)" : $"SHA-256 of its content is {actual}, expected {expected})"));
        AtomicFile.Write(target, stream => body.WriteTo(stream));
    }

    /// <summary>SHA-256 (lower-case hex) of the decompressed content; null when the bytes are not valid gzip.</summary>
    private static string? ContentHash(MemoryStream gzipBytes)
    {
        gzipBytes.Position = 0;
        try
        {
            using var gzip = new GZipStream(gzipBytes, CompressionMode.Decompress, leaveOpen: true);
            return Convert.ToHexStringLower(SHA256.HashData(gzip));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
