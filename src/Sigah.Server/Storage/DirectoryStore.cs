using Sigah.Server.Collections;

namespace Sigah.Server.Storage;

/// <summary>
/// A collection's state as files in one directory: <c>wal/wal-{lsn}.log</c> (<see cref="WriteAheadLog"/>) and the
/// snapshot files (<see cref="Snapshot"/>). The directory may be local or on a file system every cluster node
/// mounts; with <c>exclusive</c>, an advisory lock on <c>owner.lock</c> (released by the kernel when the process
/// dies) keeps a second process from writing the same state.
/// </summary>
internal sealed class DirectoryStore : ICollectionStore
{
    private readonly string _directory;
    private readonly FileStream? _lock;
    private WriteAheadLog? _log;

    /// <summary>The state in <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="IOException">With <paramref name="exclusive"/>: another process holds the directory.</exception>
    public DirectoryStore(string directory, bool exclusive = false)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        if (exclusive) _lock = new FileStream(Path.Combine(directory, "owner.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    /// <inheritdoc/>
    public string Location => _directory;

    /// <inheritdoc/>
    public long LastLsn => Log.LastLsn;

    /// <inheritdoc/>
    public long LogBytes => Log.CurrentFileBytes;

    /// <inheritdoc/>
    public long StoredBytes => Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private WriteAheadLog Log => _log ?? throw new InvalidOperationException("the log is not open");

    /// <inheritdoc/>
    public (SealedSegment Segment, long Lsn)? ReadSnapshot(int bits, int dimension) => Snapshot.Read(_directory, bits, dimension);

    /// <inheritdoc/>
    public void OpenLog(int codeBytes, int dimension, long afterLsn, Action<LogRecord> apply) =>
        _log = WriteAheadLog.Open(Path.Combine(_directory, "wal"), codeBytes, dimension, afterLsn, apply);

    /// <inheritdoc/>
    public void Append(IReadOnlyList<LogRecord> records) => Log.Append(records);

    /// <inheritdoc/>
    public void StartSnapshot() => Log.Rotate();

    /// <inheritdoc/>
    public void WriteSnapshot(CollectionState state, int bits, int dimension) => Snapshot.Write(_directory, state, bits, dimension);

    /// <inheritdoc/>
    public void DropLogUpTo(long lsn) => Log.DropUpTo(lsn);

    /// <inheritdoc/>
    public void Dispose()
    {
        _log?.Dispose();
        _lock?.Dispose();
    }
}
