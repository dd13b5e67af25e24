using Sigah.Server.Storage;

namespace Sigah.Server.Collections;

/// <summary>The result of a write: ids added or removed, and the collection's live count after it.</summary>
internal readonly record struct WriteOutcome(int Affected, int Count);

/// <summary>Work for a collection's single writer, done in the order sent.</summary>
internal abstract class WriterCommand;

/// <summary>A write waiting for the next group commit: logged, flushed, applied, then acknowledged.</summary>
internal sealed class PendingWrite(LogRecordKind kind, long[] ids, byte[] codes, float[]? vectors) : WriterCommand
{
    public LogRecordKind Kind { get; } = kind;
    public long[] Ids { get; } = ids;
    public byte[] Codes { get; } = codes;
    public float[]? Vectors { get; } = vectors;
    public TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A merge the maintenance task finished: replace its inputs by its output, carrying deletes made meanwhile.</summary>
internal sealed class MergeDone(IReadOnlyList<Segment> inputs, SealedSegment output) : WriterCommand
{
    public IReadOnlyList<Segment> Inputs { get; } = inputs;
    public SealedSegment Output { get; } = output;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Start a new log file and hand back the state it starts after (what a snapshot will hold).</summary>
internal sealed class RotateLog : WriterCommand
{
    public TaskCompletionSource<CollectionState> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Delete the log files a snapshot at <see cref="Lsn"/> made redundant.</summary>
internal sealed class DropLog(long lsn) : WriterCommand
{
    public long Lsn { get; } = lsn;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
