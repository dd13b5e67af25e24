using Sigah.Core.Data;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Shuffled mini-batches over the rows of an in-memory <see cref="FloatMatrix"/>. Each epoch visits every row once
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
public sealed class MiniBatchLoader
{
    private readonly FloatMatrix _data;
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
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (data.Rows == 0) throw new ArgumentException("no rows to serve", nameof(data));
        if (dropLast && batchSize > data.Rows)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a full batch needs more than the {data.Rows} rows");
        _data = data;
        BatchSize = batchSize;
        DropLast = dropLast;
        _random = new Random(seed);
        _order = Enumerable.Range(0, data.Rows).ToArray();
        _buffer = new float[checked(Math.Min(batchSize, data.Rows) * data.Cols)];
        _next = data.Rows;
    }

    /// <summary>Rows per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether the final partial batch of an epoch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => DropLast ? _data.Rows / BatchSize : (_data.Rows + BatchSize - 1) / BatchSize;

    /// <summary>Epochs started so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>Rows in the current batch (0 before the first <see cref="MoveNext"/> of an epoch).</summary>
    public int Count { get; private set; }

    /// <summary>The current batch, <c>Count × data.Cols</c> row-major values (overwritten by the next <see cref="MoveNext"/>).</summary>
    public ReadOnlySpan<float> Batch => _buffer.AsSpan(0, Count * _data.Cols);

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
        int cols = _data.Cols;
        for (int i = 0; i < count; i++) _data.Row(_order[_next + i]).CopyTo(_buffer.AsSpan(i * cols, cols));
        _next += count;
        Count = count;
        return true;
    }
}
