using Sigah.Server.Collections;

namespace Sigah.Server.Storage;

/// <summary>
/// Where a collection (or one shard of a clustered collection) keeps its durable state: a write-ahead log of
/// <see cref="LogRecord"/>s with consecutive sequence numbers, and snapshots of every live row at one log position.
/// A state is the newest snapshot plus the records after it. Two implementations: <see cref="DirectoryStore"/>
/// (files in a directory, local or shared) and the cluster's PostgreSQL store. Not thread-safe: the collection's
/// writer task is the only caller of the writing methods, and opening happens before it starts.
/// </summary>
internal interface ICollectionStore : IDisposable
{
    /// <summary>Where the state lives, for messages (a directory, or a table key).</summary>
    string Location { get; }

    /// <summary>Sequence number of the last record written or replayed (0 before any).</summary>
    long LastLsn { get; }

    /// <summary>Log bytes written since the last <see cref="StartSnapshot"/> (or since opening): what a snapshot would save replaying.</summary>
    long LogBytes { get; }

    /// <summary>Bytes the stored state takes.</summary>
    long StoredBytes { get; }

    /// <summary>The newest snapshot as one sealed segment (d = <paramref name="dimension"/> floats kept per row, 0 for none) and its log position, or null.</summary>
    (SealedSegment Segment, long Lsn)? ReadSnapshot(int bits, int dimension);

    /// <summary>
    /// Replays into <paramref name="apply"/>, in order, every record after <paramref name="afterLsn"/> (what the
    /// snapshot holds); the store is then ready for <see cref="Append"/>. A torn last record (a crash during an
    /// append, never acknowledged) is dropped; damage elsewhere is a <see cref="Sigah.Core.UserInputException"/> naming the place.
    /// </summary>
    void OpenLog(int codeBytes, int dimension, long afterLsn, Action<LogRecord> apply);

    /// <summary>Writes <paramref name="records"/> (numbered <see cref="LastLsn"/> + 1, + 2, …) durably, all or none, before returning.</summary>
    void Append(IReadOnlyList<LogRecord> records);

    /// <summary>Marks the log position a snapshot is about to be taken at: later records are kept apart from earlier ones.</summary>
    void StartSnapshot();

    /// <summary>Writes a snapshot of <paramref name="state"/> durably, replacing the previous one only once it is whole.</summary>
    void WriteSnapshot(CollectionState state, int bits, int dimension);

    /// <summary>Drops the log records at or before <paramref name="lsn"/> (held by a snapshot).</summary>
    void DropLogUpTo(long lsn);
}
