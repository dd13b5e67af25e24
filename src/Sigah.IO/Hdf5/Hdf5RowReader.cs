namespace Sigah.IO.Hdf5;

/// <summary>
/// Reads rows of a 2-D dataset as stored bytes (<c>Dimension * ElementSize</c> per row), whatever its layout:
/// contiguous, compact or chunked (chunks decoded one at a time, the last kept for the next read). Storage is
/// checked against the file when the reader is made, so reads never go past the file's end. Not thread-safe.
/// </summary>
internal sealed class Hdf5RowReader
{
    private readonly Hdf5Dataset _dataset;
    private readonly int _rows;
    private readonly int _cols;
    private readonly int _elementSize;
    private readonly int _chunkRows;
    private readonly int _chunkCols;
    private readonly Dictionary<long, Hdf5Chunk>? _chunks;
    private byte[]? _chunk;
    private Hdf5ChunkDecoder? _decoder;
    private long _cachedChunk = -1;

    public Hdf5RowReader(Hdf5Dataset dataset, int rows, int cols)
    {
        _dataset = dataset;
        _rows = rows;
        _cols = cols;
        _elementSize = dataset.Type.Size;
        var file = dataset.File;
        long dataBytes = (long)rows * cols * _elementSize;
        var layout = dataset.Layout;
        switch (layout.Class)
        {
            case Hdf5StorageClass.Contiguous:
                if (layout.Address == Hdf5Superblock.UndefinedAddress) break;
                if (layout.ContiguousSize < (ulong)dataBytes)
                    throw file.Damaged($"{dataset.Name} stores {layout.ContiguousSize} bytes for {rows} x {cols} values");
                file.Position(layout.Address, dataBytes, $"data of {dataset.Name}");
                break;
            case Hdf5StorageClass.Compact:
                if (layout.CompactData.Length < dataBytes)
                    throw file.Damaged($"{dataset.Name} stores {layout.CompactData.Length} bytes for {rows} x {cols} values");
                break;
            default:
                var chunkDims = layout.ChunkDims;
                var chunkBytes = chunkDims[0] > int.MaxValue || chunkDims[1] > int.MaxValue ? Int128.MaxValue : (Int128)chunkDims[0] * chunkDims[1] * _elementSize;
                if (chunkBytes > Array.MaxLength || chunkBytes > Hdf5Dataset.MaxDataBytes(file.Length))
                    throw file.Damaged($"{dataset.Name} has chunks of {chunkDims[0]} x {chunkDims[1]} values, far more than the file holds");
                _chunkRows = (int)chunkDims[0];
                _chunkCols = (int)chunkDims[1];
                _chunks = Hdf5ChunkIndex.Read(file, layout, dataset.Dims, dataset.MaxDims, (ulong)chunkBytes, dataset.Filters.Length > 0);
                break;
        }
    }

    /// <summary>
    /// Rows per band of chunks (1 when not chunked): reads that start and end on band boundaries decode each chunk
    /// once, where reads cutting through a band decode its chunks again.
    /// </summary>
    public int BandRows => Math.Max(1, _chunkRows);

    /// <summary>Copies rows <paramref name="start"/> .. start+count as stored into <paramref name="destination"/> (count × row bytes).</summary>
    public void Read(int start, int count, Span<byte> destination)
    {
        int rowBytes = _cols * _elementSize;
        destination = destination[..(count * rowBytes)];
        var layout = _dataset.Layout;
        if (layout.Class == Hdf5StorageClass.Compact)
            layout.CompactData.AsSpan(start * rowBytes, count * rowBytes).CopyTo(destination);
        else if (layout.Class == Hdf5StorageClass.Chunked)
            ReadChunked(start, count, destination);
        else if (layout.Address == Hdf5Superblock.UndefinedAddress)
            Fill(destination);
        else
            _dataset.File.ReadRaw(layout.Address + (ulong)start * (ulong)rowBytes, destination, $"data of {_dataset.Name}");
    }

    /// <summary>Goes band by band (a row of chunks), copying each chunk's part of the rows asked for.</summary>
    private void ReadChunked(int start, int count, Span<byte> destination)
    {
        int end = start + count, gridCols = (_cols + _chunkCols - 1) / _chunkCols;
        for (long band = start / _chunkRows; band * _chunkRows < end; band++)
        {
            long bandStart = band * _chunkRows;
            int first = (int)Math.Max(start, bandStart), last = (int)Math.Min(end, bandStart + _chunkRows);
            for (int gc = 0; gc < gridCols; gc++)
            {
                int col = gc * _chunkCols, width = Math.Min(_chunkCols, _cols - col);
                long index = band * gridCols + gc;
                var chunk = _chunks!.TryGetValue(index, out var stored) ? Decoded(index, stored, partial: width < _chunkCols || bandStart + _chunkRows > _rows) : null;
                for (int r = first; r < last; r++)
                {
                    var target = destination.Slice(((r - start) * _cols + col) * _elementSize, width * _elementSize);
                    if (chunk is null) Fill(target);
                    else chunk.AsSpan((int)((r - bandStart) * _chunkCols * _elementSize), width * _elementSize).CopyTo(target);
                }
            }
        }
    }

    /// <summary>The chunk numbered <paramref name="index"/>, read and decoded (or the one decoded last, if the same).</summary>
    private byte[] Decoded(long index, Hdf5Chunk stored, bool partial)
    {
        _chunk ??= new byte[_chunkRows * _chunkCols * _elementSize];
        if (index == _cachedChunk) return _chunk;
        var file = _dataset.File;
        string what = $"chunk {index} of {_dataset.Name}";
        _cachedChunk = -1;
        var filters = _dataset.Filters;
        // Layout v4 may leave partial edge chunks unfiltered.
        bool filtered = filters.Length > 0 && !(partial && _dataset.Layout.UnfilteredEdgeChunks);
        if (!filtered)
        {
            if (stored.Size != (ulong)_chunk.Length) throw file.Damaged($"{what} has {stored.Size} bytes, expected {_chunk.Length}");
            file.ReadRaw(stored.Address, _chunk, what);
        }
        else
        {
            _decoder ??= new Hdf5ChunkDecoder(file, filters, _elementSize);
            _decoder.Decode(stored, _chunk, what);
        }
        _cachedChunk = index;
        return _chunk;
    }

    /// <summary>Fills <paramref name="target"/> (whole elements) with the fill value.</summary>
    private void Fill(Span<byte> target)
    {
        var fill = _dataset.FillValue;
        for (int at = 0; at < target.Length; at += fill.Length) fill.CopyTo(target[at..]);
    }
}
