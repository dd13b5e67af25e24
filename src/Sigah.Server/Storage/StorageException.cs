namespace Sigah.Server.Storage;

/// <summary>
/// A write the data directory could not take: <see cref="DiskFull"/> when the disk or quota is full (HTTP 507),
/// otherwise the directory cannot be written at all (read-only, permissions: HTTP 500). Nothing of the write counts.
/// </summary>
internal sealed class StorageException(bool diskFull, string message, Exception inner) : Exception(message, inner)
{
    private const int NoSpace = 28, QuotaExceeded = 122; // ENOSPC, EDQUOT: .NET reports errno as the HResult on Unix

    /// <summary>True when the write failed for lack of space.</summary>
    public bool DiskFull { get; } = diskFull;

    /// <summary>Classifies an I/O failure of <paramref name="what"/>.</summary>
    public static StorageException From(Exception e, string what)
    {
        ArgumentNullException.ThrowIfNull(e);
        bool full = e is IOException { HResult: NoSpace or QuotaExceeded };
        string reason = full ? "the disk is full" : $"the data directory cannot be written ({e.Message})";
        return new StorageException(full, $"{what} was not written: {reason}", e);
    }
}
