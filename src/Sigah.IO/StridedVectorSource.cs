using Sigah.Core;
using Sigah.Core.Data;
namespace Sigah.IO;

/// <summary>
/// Rows stored at a fixed stride in a <see cref="ByteRegion"/> (memory-mapped file or decompressed bytes):
/// row r starts at <c>dataOffset + r * stride</c>, optionally with an int32 dimension prefix (TEXMEX), then
/// <c>Dimension</c> elements. The layout was validated against the region's length when the source was made;
/// prefixes and values are checked as rows are read. Reads are stateless, so several threads may read at once.
/// </summary>
internal sealed unsafe class StridedVectorSource : IVectorSource
{
    private readonly ByteRegion _region;
    private readonly long _dataOffset;
    private readonly bool _dimensionPrefix;
    private readonly int _rowBytes;
    private readonly RowConverter _converter;

    public StridedVectorSource(string name, ByteRegion region, long dataOffset, bool dimensionPrefix,
        VectorElementType type, int rows, int dimension, VectorReadOptions options)
    {
        _region = region;
        _dataOffset = dataOffset;
        _dimensionPrefix = dimensionPrefix;
        long rowBytes = (long)dimension * type.Size() + (dimensionPrefix ? 4 : 0);
        // A header may declare zero rows of any dimension, so the layout check alone does not bound the row size.
        if (rowBytes > Array.MaxLength)
            throw new UserInputException($"{name}: dimension {dimension} is more than Sigah supports ({(Array.MaxLength - (dimensionPrefix ? 4 : 0)) / type.Size()})");
        _rowBytes = (int)rowBytes;
        if (dataOffset + (long)rows * _rowBytes > region.Length)
            throw new ArgumentException("rows do not fit in the region", nameof(rows));
        _converter = new RowConverter(name, type, dimension, options.Scale);
        Name = name;
        Dimension = dimension;
        Rows = Math.Min(rows, options.MaxRows ?? rows);
    }

    public int Rows { get; }
    public int Dimension { get; }
    public string Name { get; }
    public bool ConcurrentReads => true;

    public void ReadRows(int start, int count, Span<float> destination)
    {
        VectorSourceChecks.CheckRange(this, start, count, destination.Length);
        int prefix = _dimensionPrefix ? 4 : 0;
        for (int i = 0; i < count; i++)
        {
            long row = start + i;
            byte* p = _region.Pointer + _dataOffset + row * _rowBytes;
            if (_dimensionPrefix && *(int*)p != Dimension)
                throw TexmexLayout.DimensionMismatch(Name, row, *(int*)p, Dimension);
            _converter.Convert(new ReadOnlySpan<byte>(p + prefix, _rowBytes - prefix), destination.Slice(i * Dimension, Dimension), row);
        }
    }

    public void Dispose() => _region.Dispose();
}
