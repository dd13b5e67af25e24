using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Server.Tests;

/// <summary>
/// A server holding two collections of the same synthetic 28 × 28 images under two models (ITQ 32 bits, LSH 64 bits),
/// and headless Chromium (Debian's chromium and chromium-driver, installed by scripts/deps.sh) to drive its web page.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const int Dimension = 784;
    public const int Count = 300;
    public const string Itq = "itq32";
    public const string Lsh = "lsh64";

    private const string DriverDirectory = "/usr/bin";
    private const string Browser = "/usr/bin/chromium";

    private ServerHarness? _server;
    private ChromeDriver? _driver;

    internal ServerHarness Server => _server ?? throw new InvalidOperationException("not started");

    public IWebDriver Driver => _driver ?? throw new InvalidOperationException("not started");

    /// <summary>The stored images, row-major.</summary>
    public float[] Images { get; } = SyntheticImages(Count, seed: 5);

    public async Task InitializeAsync()
    {
        // No silent skip: a machine without the browser fails here, naming what to install.
        foreach (string file in new[] { Browser, Path.Combine(DriverDirectory, "chromedriver") })
            if (!File.Exists(file)) throw new FileNotFoundException($"{file} is missing: run scripts/deps.sh as root (apt-get install chromium chromium-driver)", file);

        _server = await ServerHarness.Start();
        var data = new FloatMatrix(Count, Dimension, Images);
        await Create(Itq, HasherRegistry.Get("itq").Create(32).Fit(data, new TrainingContext { Seed = 1 }));
        await Create(Lsh, HasherRegistry.Get("lsh").Create(64).Fit(data, new TrainingContext { Seed = 1 }));

        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1024");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    private async Task Create(string name, IHashModel model)
    {
        (await Server.CreateCollection(name, ModelFile.ToBytes(model), rerank: true)).EnsureSuccessStatusCode();
        var rows = Enumerable.Range(0, Count).Select(i => Images.AsSpan(i * Dimension, Dimension).ToArray()).ToArray();
        (await Server.PostJson($"/collections/{name}/vectors", new { ids = Enumerable.Range(0, Count).ToArray(), vectors = rows })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Images in [0, 1] of ten kinds, each a bright ring whose place and size depend on its kind, moved by a pixel or
    /// two, dimmed a little and speckled: images of a kind are one another's nearest neighbours.
    /// </summary>
    private static float[] SyntheticImages(int count, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * Dimension];
        for (int n = 0; n < count; n++)
        {
            int kind = n % 10;
            double cx = 8 + 3 * (kind % 5) + random.Next(-1, 2), cy = 10 + 8 * (kind / 5) + random.Next(-1, 2);
            double radius = 3 + kind % 3, brightness = 0.7 + 0.3 * random.NextDouble();
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                {
                    double ring = Math.Max(0, 1 - Math.Abs(Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) - radius) / 1.5);
                    images[(n * Dimension) + (y * 28) + x] = (float)Math.Clamp((brightness * ring) + (0.1 * random.NextDouble()), 0, 1);
                }
            }
        }
        return images;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>Closes the browser (xunit calls this after <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        _driver?.Quit();
        _driver?.Dispose();
    }
}

public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int K = 5;

    private IWebDriver Driver => fixture.Driver;

    [Fact]
    public async Task Page_shows_the_same_neighbours_as_the_API_with_their_images()
    {
        const int queryId = 17, rerank = 20;
        OpenPage();
        Choose("collection-a", BrowserFixture.Itq);
        Choose("collection-b", BrowserFixture.Lsh);
        Driver.FindElement(By.Id("source-id")).Click();
        Type("query-id", queryId.ToString(CultureInfo.InvariantCulture));
        Type("k", K.ToString(CultureInfo.InvariantCulture));
        Type("rerank", rerank.ToString(CultureInfo.InvariantCulture));
        Driver.FindElement(By.Id("search-button")).Click();
        Assert.Equal("done", WaitForResults());

        var query = fixture.Images.AsSpan(queryId * BrowserFixture.Dimension, BrowserFixture.Dimension).ToArray();
        foreach (string name in new[] { BrowserFixture.Itq, BrowserFixture.Lsh })
        {
            var answer = await ServerHarness.Json(await fixture.Server.PostJson($"/collections/{name}/search", new { vectors = new[] { query }, k = K, rerank }));
            var side = Driver.FindElement(By.CssSelector($".side[data-collection='{name}']"));
            var rows = side.FindElements(By.CssSelector("tr.neighbour"));
            Assert.Equal(answer["ids"]![0]!.AsArray().Select(id => (long)id!), rows.Select(r => long.Parse(r.GetDomAttribute("data-id")!, CultureInfo.InvariantCulture)));
            Assert.Equal(answer["distances"]![0]!.AsArray().Select(d => (float)d!),
                rows.Select(r => float.Parse(r.GetDomAttribute("data-distance")!, CultureInfo.InvariantCulture)));
            Assert.Equal(queryId, long.Parse(rows[0].GetDomAttribute("data-id")!, CultureInfo.InvariantCulture));

            var canvases = side.FindElements(By.CssSelector("canvas[data-drawn='true']"));
            Assert.Equal(K, canvases.Count);
            var last = canvases[^1];
            long id = long.Parse(last.GetDomAttribute("data-id")!, CultureInfo.InvariantCulture);
            AssertPixels(fixture.Images.AsSpan((int)id * BrowserFixture.Dimension, BrowserFixture.Dimension), last);
        }
        AssertPixels(query, Driver.FindElement(By.Id("query-canvas")));
    }

    [Fact]
    public async Task Page_shows_the_problem_of_a_vector_of_the_wrong_length()
    {
        const string pasted = "0.1, 0.2 0.3";
        OpenPage();
        Choose("collection-a", BrowserFixture.Itq);
        Choose("collection-b", "");
        Driver.FindElement(By.Id("source-pasted")).Click();
        Type("query-vector", pasted);
        Driver.FindElement(By.Id("search-button")).Click();
        Assert.Equal("done", WaitForResults());

        var response = await fixture.Server.PostJson($"/collections/{BrowserFixture.Itq}/search", new { vectors = new[] { new[] { 0.1f, 0.2f, 0.3f } }, k = 10, rerank = 0 });
        string detail = (string)(await ServerHarness.Json(response))["detail"]!;
        Assert.Contains("784", detail, StringComparison.Ordinal);
        var side = Driver.FindElement(By.CssSelector($".side[data-collection='{BrowserFixture.Itq}']"));
        Assert.Equal("error", side.GetDomAttribute("data-state"));
        Assert.Equal(detail, side.FindElement(By.CssSelector(".problem")).Text);
        Assert.Single(Driver.FindElements(By.CssSelector(".side")));
    }

    [Fact]
    public void Api_page_lists_the_operations_and_sends_one()
    {
        Driver.Navigate().GoToUrl(new Uri(fixture.Server.Client.BaseAddress!, "api.html"));
        var operation = Wait().Until(d => d.FindElements(By.CssSelector("details.operation[data-method='GET'][data-path='/collections/{name}']")).FirstOrDefault());
        Assert.Contains(Driver.FindElements(By.CssSelector("details.operation")),
            o => o.GetDomAttribute("data-method") == "POST" && o.GetDomAttribute("data-path") == "/collections/{name}/search");

        operation.FindElement(By.TagName("summary")).Click();
        operation.FindElement(By.Name("name")).SendKeys(BrowserFixture.Lsh);
        operation.FindElement(By.CssSelector("button[type='submit']")).Click();
        var response = operation.FindElement(By.CssSelector(".response"));
        Wait().Until(_ => response.GetDomAttribute("data-status") is not null);
        Assert.Equal("200", response.GetDomAttribute("data-status"));
        var info = JsonNode.Parse(response.FindElement(By.TagName("pre")).Text)!;
        Assert.Equal(BrowserFixture.Lsh, (string?)info["name"]);
        Assert.Equal(BrowserFixture.Count, (int)info["count"]!);
    }

    /// <summary>Opens the page afresh and waits until it lists both collections.</summary>
    private void OpenPage()
    {
        Driver.Navigate().GoToUrl(fixture.Server.Client.BaseAddress!);
        Wait().Until(d => d.FindElements(By.CssSelector("#collections tbody tr")).Count == 2);
    }

    private void Choose(string select, string value) =>
        Driver.FindElement(By.CssSelector($"#{select} option[value='{value}']")).Click();

    private void Type(string input, string text)
    {
        var element = Driver.FindElement(By.Id(input));
        element.Clear();
        element.SendKeys(text);
    }

    /// <summary>Waits for the search to finish (its neighbours and images shown, or its problem) and says how it ended.</summary>
    private string WaitForResults() =>
        Wait().Until(d => d.FindElement(By.Id("results")).GetDomAttribute("data-state") is ("done" or "error") and var state ? state : null)!;

    private WebDriverWait Wait() => new(Driver, TimeSpan.FromSeconds(30));

    /// <summary>The canvas' grey levels are the vector's values in [0, 1] times 255, rounded.</summary>
    private void AssertPixels(ReadOnlySpan<float> vector, IWebElement canvas)
    {
        var red = (ReadOnlyCollection<object>)((IJavaScriptExecutor)Driver).ExecuteScript(
            "const data = arguments[0].getContext('2d').getImageData(0, 0, 28, 28).data; return Array.from(data.filter((_, i) => i % 4 === 0));", canvas)!;
        Assert.Equal(vector.Length, red.Count);
        for (int i = 0; i < vector.Length; i++)
        {
            double expected = Math.Clamp(vector[i], 0, 1) * 255;
            double actual = Convert.ToDouble(red[i], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(expected - actual) <= 1, $"pixel {i}: {actual}, expected {expected:F1}");
        }
    }
}
