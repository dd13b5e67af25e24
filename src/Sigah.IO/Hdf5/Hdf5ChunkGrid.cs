namespace Sigah.IO.Hdf5;

/// <summary>
/// The chunks covering a dataset, numbered in row-major order: along dimension i there are
/// <c>ceil(dims[i] / chunk[i])</c> of them. Counts saturate at <see cref="long.MaxValue"/>, so hostile dimensions
/// cannot overflow (a saturated count never matches what a file can hold).
/// </summary>
internal sealed class Hdf5ChunkGrid
{
    private readonly ulong[] _chunkDims;
    private readonly ulong[] _gridDims;

    public Hdf5ChunkGrid(ulong[] dims, ulong[] chunkDims)
    {
        _chunkDims = chunkDims;
        _gridDims = new ulong[dims.Length];
        Count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            _gridDims[i] = dims[i] / chunkDims[i] + (dims[i] % chunkDims[i] == 0 ? 0UL : 1UL);
            Count = _gridDims[i] == 0 ? 0 : Count > long.MaxValue / (long)Math.Min(_gridDims[i], long.MaxValue) ? long.MaxValue : Count * (long)_gridDims[i];
        }
    }

    /// <summary>Number of chunks.</summary>
    public long Count { get; }

    /// <summary>The chunk starting at element offsets <paramref name="offsets"/>, if they are a chunk's start inside the grid.</summary>
    public bool TryIndex(ReadOnlySpan<ulong> offsets, out long index)
    {
        index = 0;
        if (offsets.Length != _gridDims.Length || _gridDims.Length == 0) return false;
        for (int i = 0; i < _gridDims.Length; i++)
        {
            ulong c = offsets[i] / _chunkDims[i];
            if (offsets[i] % _chunkDims[i] != 0 || c >= _gridDims[i]) return false;
            index = index * (long)_gridDims[i] + (long)c;
        }
        return true;
    }

    /// <summary>The number of chunk <paramref name="index"/> of this grid in <paramref name="other"/> (same chunk size), if it lies in it.</summary>
    public bool TryMapTo(Hdf5ChunkGrid other, long index, out long otherIndex)
    {
        otherIndex = 0;
        if (Count == 0) return false; // a dimension of no chunks: no index is in this grid
        Span<ulong> offsets = stackalloc ulong[_gridDims.Length];
        ulong rest = (ulong)index;
        for (int i = _gridDims.Length - 1; i > 0; i--)
        {
            offsets[i] = rest % _gridDims[i] * _chunkDims[i];
            rest /= _gridDims[i];
        }
        // The first dimension takes what is left (an index past this grid's end lands outside the other grid).
        offsets[0] = rest <= ulong.MaxValue / _chunkDims[0] ? rest * _chunkDims[0] : ulong.MaxValue;
        return other.TryIndex(offsets, out otherIndex);
    }
}
