using System.Buffers;
using System.Runtime.CompilerServices;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO.Mat;

namespace Sigah.IO;

/// <summary>
/// The rows of a column-major matrix (MATLAB's layout) as vectors: row i gathers element i of every column, is
/// normalised when the stored type needs it (other widths, big-endian) and converted by the shared
/// <see cref="RowConverter"/>. Each read rents two row buffers (columns × 8 bytes at most), so several threads may
/// read at once.
/// </summary>
internal sealed unsafe class ColumnMajorVectorSource : IVectorSource
{
    private readonly MatMatrix _matrix;
    private readonly RowConverter _converter;
    private readonly int _storedRowBytes;
    private readonly int _normalisedRowBytes;

    public ColumnMajorVectorSource(MatMatrix matrix, VectorReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        var type = matrix.Type;
        if ((long)matrix.Cols * Math.Max(type.Size, type.Normalised.Size()) > Array.MaxLength)
            throw new UserInputException($"{matrix.Name}: dimension {matrix.Cols} is more than Sigah supports");
        _matrix = matrix;
        _storedRowBytes = matrix.Cols * type.Size;
        _normalisedRowBytes = matrix.Cols * type.Normalised.Size();
        _converter = new RowConverter(matrix.Name, type.Normalised, matrix.Cols, options.Scale);
        Name = matrix.Name;
        Dimension = matrix.Cols;
        Rows = Math.Min(matrix.Rows, options.MaxRows ?? matrix.Rows);
    }

    public int Rows { get; }
    public int Dimension { get; }
    public string Name { get; }
    public bool ConcurrentReads => true;

    public void ReadRows(int start, int count, Span<float> destination)
    {
        VectorSourceChecks.CheckRange(this, start, count, destination.Length);
        var type = _matrix.Type;
        byte[] stored = ArrayPool<byte>.Shared.Rent(_storedRowBytes);
        byte[] normalised = type.IsNative ? stored : ArrayPool<byte>.Shared.Rent(_normalisedRowBytes);
        try
        {
            for (int i = 0; i < count; i++)
            {
                long row = start + i;
                Gather(row, stored);
                if (!type.IsNative) type.Normalise(stored, normalised, Dimension, Name);
                _converter.Convert(normalised.AsSpan(0, _normalisedRowBytes), destination.Slice(i * Dimension, Dimension), row);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
            if (!type.IsNative) ArrayPool<byte>.Shared.Return(normalised);
        }
    }

    /// <summary>Copies element <paramref name="row"/> of every column into <paramref name="target"/>, in column order.</summary>
    private void Gather(long row, byte[] target)
    {
        int size = _matrix.Type.Size;
        long columnBytes = (long)_matrix.Rows * size;
        byte* element = _matrix.Region.Pointer + _matrix.Offset + row * size;
        fixed (byte* first = target)
        {
            byte* to = first;
            for (int j = 0; j < Dimension; j++, element += columnBytes, to += size)
            {
                switch (size)
                {
                    case 1: *to = *element; break;
                    case 2: Unsafe.WriteUnaligned(to, Unsafe.ReadUnaligned<ushort>(element)); break;
                    case 4: Unsafe.WriteUnaligned(to, Unsafe.ReadUnaligned<uint>(element)); break;
                    default: Unsafe.WriteUnaligned(to, Unsafe.ReadUnaligned<ulong>(element)); break;
                }
            }
        }
    }

    public void Dispose() => _matrix.Dispose();
}
