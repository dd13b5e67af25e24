namespace Sigah.IO.Data;

/// <summary>
/// Where <see cref="FashionMnist"/> looks for its files: directories searched first (Debian's package), then a
/// cache directory, which is filled by downloading from <paramref name="BaseUrl"/> when the files are not found.
/// </summary>
internal sealed record FashionMnistLocations(IReadOnlyList<string> SearchDirectories, string CacheDirectory, Uri BaseUrl)
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The official Fashion-MNIST download location (the project's own S3 website).</summary>
    public const string OfficialBaseUrl = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /// <summary>Environment variable that replaces <see cref="OfficialBaseUrl"/> (a mirror, or a local test server).</summary>
    public const string BaseUrlVariable = "SIGAH_FASHION_MNIST_URL";

    /// <summary>
    /// The defaults: Debian's directory; the cache <c>$XDG_CACHE_HOME/sigah/fashion-mnist</c> (or
    /// <c>~/.cache/sigah/fashion-mnist</c>); the official URL unless <see cref="BaseUrlVariable"/> is set.
    /// </summary>
    public static FashionMnistLocations FromEnvironment()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string cacheRoot = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        string? url = Environment.GetEnvironmentVariable(BaseUrlVariable);
        return new FashionMnistLocations([DebianDirectory], Path.Combine(cacheRoot, "sigah", "fashion-mnist"),
            new Uri(string.IsNullOrEmpty(url) ? OfficialBaseUrl : url.EndsWith('/') ? url : url + "/"));
    }
}
