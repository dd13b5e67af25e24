using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sigah.Server.Api;

/// <summary>
/// The web page (<c>/</c>: collections and a search playground) and the interactive API page (<c>/api.html</c>),
/// plain HTML, CSS and JavaScript embedded in the server's assembly (no build step, nothing fetched from elsewhere).
/// </summary>
internal static class WebPage
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>Maps <c>/</c> and each embedded file.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var assembly = typeof(WebPage).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            string file = resource["wwwroot/".Length..];
            byte[] bytes = Read(assembly, resource);
            string type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            IResult Serve() => Results.Bytes(bytes, type);
            app.MapGet("/" + file, Serve).ExcludeFromDescription();
            if (file == "index.html") app.MapGet("/", Serve).ExcludeFromDescription();
        }
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
