using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Shuffled mini-batches over the rows of an in-memory <see cref="FloatMatrix"/> or of an <see cref="IVectorSource"/>
/// (for example a memory-mapped vector file larger than memory). Each epoch visits every row once
/// in a new order (Fisher–Yates on the previous order, drawn from a <see cref="Random"/> seeded once), so the same
/// seed gives the same batches bit for bit. Rows are gathered into one preallocated buffer: no allocation per batch.
/// <code>
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
/// {
///     loader.StartEpoch();
///     while (loader.MoveNext()) Train(loader.Batch, loader.Count, loader.Indices);
/// }
/// </code>
/// </summary>
internal sealed class MiniBatchLoader
{
    private delegate void RowReader(int row, Span<float> destination);

    private readonly RowReader _readRow;
    private readonly int _rows;
    private readonly int _cols;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly float[] _buffer;
    private int _next;

    /// <summary>Batches of <paramref name="batchSize"/> rows of <paramref name="data"/>, shuffled from <paramref name="seed"/>.</summary>
    /// <param name="data">The rows to serve (not copied; must not change while in use).</param>
    /// <param name="batchSize">Rows per batch; the last batch of an epoch may be smaller unless <paramref name="dropLast"/>.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <param name="dropLast">Skip the final partial batch of each epoch (every batch then has exactly <paramref name="batchSize"/> rows).</param>
    public MiniBatchLoader(FloatMatrix data, int batchSize, int seed, bool dropLast = false)
        : this(RequireNotNull(data).Rows, data.Cols, (row, destination) => data.Row(row).CopyTo(destination), batchSize, seed, dropLast, nameof(data))
    {
    }

    /// <summary>
    /// Batches of <paramref name="batchSize"/> rows read from <paramref name="source"/> one row at a time (the source
    /// stays open and owned by the caller); otherwise as the <see cref="FloatMatrix"/> overload, and with the same
    /// seed it serves the same batches as over the same rows in memory.
    /// </summary>
    public MiniBatchLoader(IVectorSource source, int batchSize, int seed, bool dropLast = false)
        : this(RequireNotNull(source).Rows, source.Dimension, (row, destination) => source.ReadRows(row, 1, destination), batchSize, seed, dropLast, nameof(source))
    {
    }

    private MiniBatchLoader(int rows, int cols, RowReader readRow, int batchSize, int seed, bool dropLast, string dataName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (rows == 0) throw new ArgumentException("no rows to serve", dataName);
        if (dropLast && batchSize > rows)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a full batch needs more than the {rows} rows");
        _rows = rows;
        _cols = cols;
        _readRow = readRow;
        BatchSize = batchSize;
        DropLast = dropLast;
        _random = new Random(seed);
        _order = Enumerable.Range(0, rows).ToArray();
        _buffer = new float[checked(Math.Min(batchSize, rows) * cols)];
        _next = rows;
    }

    private static T RequireNotNull<T>(T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }

    /// <summary>Rows per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether the final partial batch of an epoch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => DropLast ? _rows / BatchSize : (_rows + BatchSize - 1) / BatchSize;

    /// <summary>Epochs started so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>Rows in the current batch (0 before the first <see cref="MoveNext"/> of an epoch).</summary>
    public int Count { get; private set; }

    /// <summary>The current batch, <c>Count × columns</c> row-major values (overwritten by the next <see cref="MoveNext"/>).</summary>
    public ReadOnlySpan<float> Batch => _buffer.AsSpan(0, Count * _cols);

    /// <summary>The data rows of the current batch, in batch order (<see cref="Count"/> indices).</summary>
    public ReadOnlySpan<int> Indices => _order.AsSpan(_next - Count, Count);

    /// <summary>Reshuffles the row order and rewinds to the first batch.</summary>
    public void StartEpoch()
    {
        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
        _next = 0;
        Count = 0;
        Epoch++;
    }

    /// <summary>Gathers the next batch of the epoch; false (and <see cref="Count"/> 0) when the epoch is over.</summary>
    public bool MoveNext()
    {
        int remaining = _order.Length - _next;
        int count = Math.Min(BatchSize, remaining);
        if (count == 0 || (DropLast && count < BatchSize))
        {
            _next = _order.Length;
            Count = 0;
            return false;
        }
        for (int i = 0; i < count; i++) _readRow(_order[_next + i], _buffer.AsSpan(i * _cols, _cols));
        _next += count;
        Count = count;
        return true;
    }
}
