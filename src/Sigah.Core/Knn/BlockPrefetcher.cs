namespace Sigah.Core.Knn;

/// <summary>
/// Hands out the base in consecutive blocks of rows. For a base streamed from a file, block b+1 is read on a
/// background task (into the other of two buffers) while the caller computes on block b, so reading — page faults
/// on a file that is not in the page cache — overlaps the products instead of adding to them. A block stays valid
/// until the next call to <see cref="TryNext"/>.
/// </summary>
internal sealed class BlockPrefetcher : IDisposable
{
    private readonly BaseRows _rows;
    private readonly int _blockRows;
    private readonly float[][] _buffers;
    private Task<ReadOnlyMemory<float>>? _pending;
    private int _pendingStart;
    private int _handedOut;

    /// <param name="rows">The base.</param>
    /// <param name="blockRows">Rows per block; each buffer holds blockRows × Dimension values.</param>
    public BlockPrefetcher(BaseRows rows, int blockRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        _rows = rows;
        _blockRows = blockRows;
        long size = (long)Math.Min(blockRows, rows.Rows) * rows.Dimension;
        _buffers = rows.InMemory ? [[], []] : [new float[size], new float[size]];
        Start(0);
    }

    /// <summary>The next block: its first row, its row count and its values (row-major); false after the last.</summary>
    public bool TryNext(out int start, out int count, out ReadOnlyMemory<float> block)
    {
        if (_pending is null)
        {
            (start, count, block) = (0, 0, default);
            return false;
        }
        start = _pendingStart;
        count = Math.Min(_blockRows, _rows.Rows - start);
        block = _pending.GetAwaiter().GetResult();
        _handedOut++;
        Start(start + count);
        return true;
    }

    private void Start(int start)
    {
        if (start >= _rows.Rows)
        {
            _pending = null;
            return;
        }
        int count = Math.Min(_blockRows, _rows.Rows - start);
        var buffer = _buffers[_handedOut % 2];
        _pendingStart = start;
        _pending = _rows.InMemory
            ? Task.FromResult(_rows.Block(start, count, buffer, threads: 1))
            : Task.Run(() => _rows.Block(start, count, buffer, threads: 1));
    }

    /// <summary>Waits for a read still in flight, so the source is not disposed under it.</summary>
    public void Dispose()
    {
        try
        {
            _pending?.Wait();
        }
        catch (AggregateException)
        {
            // The caller is already leaving (with its own exception or result); a read error of a block it will
            // never use does not matter.
        }
    }
}
