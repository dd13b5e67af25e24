using Microsoft.Extensions.Logging;

namespace Sigah.Server;

/// <summary>The server's log messages (source-generated: no formatting unless the level is enabled).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "collection {Name}: {Count} vectors ({Replayed} log records replayed after the snapshot at {Lsn}) in {Seconds:F2} s")]
    public static partial void Opened(ILogger logger, string name, int count, int replayed, long lsn, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "collection {Name}: snapshot of {Count} vectors at log record {Lsn} in {Seconds:F2} s")]
    public static partial void Snapshotted(ILogger logger, string name, int count, long lsn, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "collection {Name}: a group of {Count} writes failed")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string name, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "collection {Name}: maintenance failed; retrying later")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "collection {Name}: deleted, but its old files stay until the next start")]
    public static partial void DeletedFilesLeft(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);
}
