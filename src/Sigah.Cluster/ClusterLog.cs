using Microsoft.Extensions.Logging;

namespace Sigah.Cluster;

/// <summary>The cluster's log messages (source-generated).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "collection {Name} shard {Shard} did not answer; the request is answered 503")]
    public static partial void ShardUnavailable(ILogger logger, Exception exception, string name, int shard);
}
