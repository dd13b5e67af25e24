using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sigah.Core.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) that answers GET /{name} with the registered bytes and
/// 404 otherwise, one connection at a time. Counts the requests it served.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> _files;
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    /// <summary>Base URL, ending in a slash.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task Serve()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                string requestLine = await reader.ReadLineAsync() ?? "";
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                string name = requestLine.Split(' ') is [_, var target, ..] ? target.TrimStart('/') : "";
                Interlocked.Increment(ref _requests);
                byte[] body = _files.TryGetValue(name, out var found) ? found : [];
                string status = found is null ? "404 Not Found" : "200 OK";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(body);
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
