using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Bench.ServeLoad;

/// <summary>
/// sigah serve over HTTP/1.1 on loopback. Search bodies are built once before timing, so the client spends its share
/// of the machine's cores on sending and receiving, not on formatting 784 numbers per request.
/// </summary>
internal sealed class SigahTarget : ITarget
{
    private const int K = 10;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Npy = new("application/x-npy");

    private readonly HttpClient _http;
    private readonly FloatMatrix _queries;
    private readonly bool _npy;
    private readonly byte[][] _searchBodies;
    private readonly Uri _search, _vectors, _delete, _info;

    public SigahTarget(Uri baseAddress, string collection, FloatMatrix queries, bool npy)
    {
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _queries = queries;
        _npy = npy;
        string root = $"collections/{Uri.EscapeDataString(collection)}";
        _search = new Uri(baseAddress, npy ? $"{root}/search?k={K}" : $"{root}/search");
        _vectors = new Uri(baseAddress, $"{root}/vectors");
        _delete = new Uri(baseAddress, $"{root}/delete");
        _info = new Uri(baseAddress, root);
        _searchBodies = new byte[queries.Rows][];
        for (int q = 0; q < queries.Rows; q++) _searchBodies[q] = npy ? NpyRow(queries.Row(q)) : SearchJson(queries.Row(q));
    }

    public string Name => "sigah";

    public async Task<long> CountAsync()
    {
        using var document = JsonDocument.Parse(await Send(HttpMethod.Get, _info, null, null).ConfigureAwait(false));
        return document.RootElement.GetProperty("count").GetInt64();
    }

    // HttpClient is safe for concurrent use: every loop shares this one (and its pool of connections).
    public Task<IClient> ConnectAsync() => Task.FromResult<IClient>(new Client(this));

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<byte[]> SearchAsync(int query) => Send(HttpMethod.Post, _search, _searchBodies[query], _npy ? Npy : Json);

    private async Task<(long[] Ids, int[] Distances)> AnswerAsync(int query)
    {
        using var document = JsonDocument.Parse(await Send(HttpMethod.Post, _search, _searchBodies[query], _npy ? Npy : Json).ConfigureAwait(false));
        var ids = document.RootElement.GetProperty("ids")[0].EnumerateArray().Select(e => e.GetInt64()).ToArray();
        // Hamming distances come back as JSON numbers of the float type: whole numbers, exact.
        var distances = document.RootElement.GetProperty("distances")[0].EnumerateArray().Select(e => checked((int)e.GetSingle())).ToArray();
        return (ids, distances);
    }

    private Task<byte[]> AddAsync(long id, int query)
    {
        var row = _queries.Row(query);
        return _npy
            ? Send(HttpMethod.Post, new Uri(_vectors, $"?first_id={id.ToString(CultureInfo.InvariantCulture)}"), NpyRow(row), Npy)
            : Send(HttpMethod.Post, _vectors, AddJson(id, row), Json);
    }

    private Task<byte[]> DeleteAsync(long id) =>
        Send(HttpMethod.Post, _delete, Encoding.UTF8.GetBytes($"{{\"ids\":[{id.ToString(CultureInfo.InvariantCulture)}]}}"), Json);

    private async Task<byte[]> Send(HttpMethod method, Uri uri, byte[]? body, MediaTypeHeaderValue? type)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = type;
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new LoadException($"{method} {uri.AbsolutePath}: {e.Message}", e);
        }
        using (response)
        {
            byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
                throw new LoadException($"{method} {uri.AbsolutePath}: {(int)response.StatusCode} {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 300)))}");
            return answer;
        }
    }

    private static byte[] SearchJson(ReadOnlySpan<float> vector)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteVectors(writer, vector);
            writer.WriteNumber("k", K);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] AddJson(long id, ReadOnlySpan<float> vector)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            writer.WriteNumberValue(id);
            writer.WriteEndArray();
            WriteVectors(writer, vector);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    // Utf8JsonWriter writes a float in its shortest round-trip form, so the server reads back the very same float32.
    private static void WriteVectors(Utf8JsonWriter writer, ReadOnlySpan<float> vector)
    {
        writer.WriteStartArray("vectors");
        writer.WriteStartArray();
        foreach (float v in vector) writer.WriteNumberValue(v);
        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    /// <summary>An npy file of one float32 row [1, d].</summary>
    private static byte[] NpyRow(ReadOnlySpan<float> vector)
    {
        byte[] header = NpyHeader.Format("<f4", [1, vector.Length]);
        var bytes = new byte[header.Length + (vector.Length * 4)];
        header.CopyTo(bytes, 0);
        MemoryMarshal.AsBytes(vector).CopyTo(bytes.AsSpan(header.Length));
        return bytes;
    }

    private sealed class Client(SigahTarget target) : IClient
    {
        public Task SearchAsync(int query) => target.SearchAsync(query);

        public Task<(long[] Ids, int[] Distances)> AnswerAsync(int query) => target.AnswerAsync(query);

        public Task AddAsync(long id, int query) => target.AddAsync(id, query);

        public Task DeleteAsync(long id) => target.DeleteAsync(id);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
