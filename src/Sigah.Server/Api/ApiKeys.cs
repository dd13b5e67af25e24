using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sigah.Core;

namespace Sigah.Server.Api;

/// <summary>
/// API keys from a file of lines <c>read KEY</c> or <c>write KEY</c> (<c>#</c> starts a comment). Reads (GET) need a
/// read or write key, everything else a write key, sent as <c>Authorization: Bearer KEY</c>; <c>/health</c> and the
/// web page's files are open. Keys are kept as SHA-256 digests and a presented key is compared with every one of them
/// in constant time, so neither the match nor its position leaks through timing.
/// </summary>
internal sealed class ApiKeys
{
    private readonly List<(byte[] Digest, bool Write)> _keys;

    private ApiKeys(List<(byte[] Digest, bool Write)> keys) => _keys = keys;

    /// <summary>Reads <paramref name="path"/>; a malformed line is a <see cref="UserInputException"/> naming it.</summary>
    public static ApiKeys Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "no such file");
        var keys = new List<(byte[], bool)>();
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] is not ("read" or "write"))
                throw UserInputException.ForFile(path, $"line {i + 1}: expected 'read KEY' or 'write KEY'");
            if (parts[1].Length < 16) throw UserInputException.ForFile(path, $"line {i + 1}: a key needs at least 16 characters");
            keys.Add((Digest(parts[1]), parts[0] == "write"));
        }
        if (keys.Count == 0) throw UserInputException.ForFile(path, "no keys");
        if (keys.Select(k => Convert.ToHexString(k.Item1)).Distinct().Count() != keys.Count)
            throw UserInputException.ForFile(path, "a key is listed twice (read and write keys must differ)");
        return new ApiKeys(keys);
    }

    /// <summary>Checks the request's key: 401 without a known key, 403 when a read key asks to write.</summary>
    public void Check(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            throw new ApiProblem(StatusCodes.Status401Unauthorized, "Authorization", "an API key is required: 'Authorization: Bearer KEY'");
        var digest = Digest(header["Bearer ".Length..].Trim());
        bool known = false, write = false;
        foreach (var (key, canWrite) in _keys)
        {
            bool match = CryptographicOperations.FixedTimeEquals(digest, key);
            known |= match;
            write |= match & canWrite;
        }
        if (!known) throw new ApiProblem(StatusCodes.Status401Unauthorized, "Authorization", "unknown API key");
        bool reads = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || IsSearch(request);
        if (!reads && !write) throw new ApiProblem(StatusCodes.Status403Forbidden, "Authorization", "this key may read but not write");
    }

    private static bool IsSearch(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is { } path && path.EndsWith("/search", StringComparison.Ordinal);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
