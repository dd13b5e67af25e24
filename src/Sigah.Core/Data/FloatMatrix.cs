namespace Sigah.Core.Data;

/// <summary>
/// A dense row-major matrix of <see cref="Rows"/> × <see cref="Cols"/> float32 values held in one array
/// (<c>Data.Length == Rows * Cols</c>). Row i occupies <c>Data[i*Cols .. (i+1)*Cols)</c>.
/// </summary>
public sealed class FloatMatrix
{
    /// <summary>Number of rows (vectors).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (dimension).</summary>
    public int Cols { get; }

    /// <summary>The row-major values; length <c>Rows * Cols</c>.</summary>
    public float[] Data { get; }

    /// <summary>Allocates a zero matrix.</summary>
    public FloatMatrix(int rows, int cols) : this(rows, cols, new float[checked((long)rows * cols)]) { }

    /// <summary>Wraps <paramref name="data"/> (not copied); its length must be <c>rows * cols</c>.</summary>
    public FloatMatrix(int rows, int cols, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != (long)rows * cols)
            throw new ArgumentException($"data has {data.LongLength} values, expected {rows} x {cols}", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    /// <summary>Row <paramref name="i"/> as a span of length <see cref="Cols"/>.</summary>
    public Span<float> Row(int i) => Data.AsSpan((int)((long)i * Cols), Cols);

    /// <summary>Rows <paramref name="start"/> .. start+count as one span of length <c>count * Cols</c>.</summary>
    public Span<float> RowBlock(int start, int count) => Data.AsSpan(checked(start * Cols), checked(count * Cols));

    /// <summary>A new matrix holding the given rows, in order.</summary>
    public FloatMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        var result = new FloatMatrix(rows.Length, Cols);
        for (int i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(result.Row(i));
        return result;
    }
}
