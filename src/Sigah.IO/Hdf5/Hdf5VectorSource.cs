using Sigah.Core.Data;
namespace Sigah.IO.Hdf5;

/// <summary>
/// A 2-D dataset of an HDF5 file (ann-benchmarks <c>train</c>, <c>test</c>, ...) as vectors. Contiguous
/// little-endian float32/float64/uint8/int32/int64 data (what h5py writes by default) is memory-mapped and read by
/// a <see cref="StridedVectorSource"/>; other layouts and types are read here, block by block. Not safe for
/// concurrent reads.
/// </summary>
internal sealed class Hdf5VectorSource : IVectorSource
{
    /// <summary>Stored bytes converted per step, so a read of many rows needs little working memory.</summary>
    private const int BlockBytes = 1 << 20;

    /// <summary>Largest band of chunks read as one block; larger bands are read in <see cref="BlockBytes"/> pieces.</summary>
    private const long MaxBandBytes = 256 << 20;

    private readonly Hdf5File _file;
    private readonly StoredElementType _type;
    private readonly Hdf5RowReader _reader;
    private readonly RowConverter _converter;
    private byte[] _stored = [];
    private byte[] _normalised = [];

    private Hdf5VectorSource(Hdf5Dataset dataset, int rows, int cols, VectorReadOptions options)
    {
        _file = dataset.File;
        _type = dataset.Type;
        _reader = new Hdf5RowReader(dataset, rows, cols);
        _converter = new RowConverter(dataset.Name, _type.Normalised, cols, options.Scale);
        Name = dataset.Name;
        Dimension = cols;
        Rows = Math.Min(rows, options.MaxRows ?? rows);
    }

    public int Rows { get; }
    public int Dimension { get; }
    public string Name { get; }
    public bool ConcurrentReads => false;

    /// <summary>Opens dataset <paramref name="dataset"/> (a path such as <c>train</c> or <c>group/data</c>) of <paramref name="path"/>.</summary>
    public static IVectorSource Open(string path, string dataset, VectorReadOptions options)
    {
        var file = Hdf5File.Open(path);
        try
        {
            var data = Hdf5Dataset.Open(file, dataset);
            var (rows, cols) = data.MatrixShape();
            var layout = data.Layout;
            if (layout.Class == Hdf5StorageClass.Contiguous && layout.Address != Hdf5Superblock.UndefinedAddress && data.Type.IsNative)
            {
                long offset = file.Position(layout.Address, (long)rows * cols * data.Type.Size, $"data of {data.Name}");
                long length = file.Length;
                file.Dispose();
                return new StridedVectorSource(data.Name, ByteRegion.Map(path, length), offset, dimensionPrefix: false,
                    data.Type.Normalised, rows, cols, options);
            }
            return new Hdf5VectorSource(data, rows, cols, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void ReadRows(int start, int count, Span<float> destination)
    {
        VectorSourceChecks.CheckRange(this, start, count, destination.Length);
        if (count == 0 || Dimension == 0) return;
        int rowBytes = Dimension * _type.Size, normalisedRowBytes = Dimension * _type.Normalised.Size();
        // Whole bands of chunks per block (rounded up), so no chunk is decoded twice, unless bands are huge.
        long bandRows = (long)_reader.BandRows * rowBytes > MaxBandBytes ? 1 : _reader.BandRows;
        long blockRows = (Math.Max(1, BlockBytes / rowBytes) + bandRows - 1) / bandRows * bandRows;
        blockRows = Math.Min(count, blockRows);
        if (_stored.Length < blockRows * rowBytes) _stored = new byte[blockRows * rowBytes];
        if (!_type.IsNative && _normalised.Length < normalisedRowBytes) _normalised = new byte[normalisedRowBytes];
        for (int done = 0; done < count; done += (int)blockRows)
        {
            int rows = (int)Math.Min(blockRows, count - done);
            _reader.Read(start + done, rows, _stored);
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<byte> row = _stored.AsSpan(i * rowBytes, rowBytes);
                if (!_type.IsNative)
                {
                    _type.Normalise(row, _normalised, Dimension, Name);
                    row = _normalised.AsSpan(0, normalisedRowBytes);
                }
                _converter.Convert(row, destination.Slice((done + i) * Dimension, Dimension), start + done + i);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
