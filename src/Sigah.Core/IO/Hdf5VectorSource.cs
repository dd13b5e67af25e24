using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using Sigah.Core.Data;

namespace Sigah.Core.IO;

/// <summary>
/// A 2-D dataset of an HDF5 file (ann-benchmarks <c>train</c>, <c>test</c>, <c>neighbors</c>, <c>distances</c>),
/// read by row blocks through PureHDF hyperslab selections. Not safe for concurrent reads.
/// </summary>
internal sealed class Hdf5VectorSource : IVectorSource
{
    private readonly IDisposable _file;
    private readonly IH5Dataset _dataset;
    private readonly VectorElementType _type;
    private readonly RowConverter _converter;

    /// <summary>
    /// A dataset may hold this many times more data than its file's size (HDF5 chunks can be compressed);
    /// beyond that the file is damaged or mostly unwritten, and its header must not size our buffers.
    /// </summary>
    private const int MaxCompressionRatio = 64;

    /// <summary>Data any file may declare whatever its size, so tiny test files with fill values still open.</summary>
    private const long SmallDatasetBytes = 1 << 20;

    private Hdf5VectorSource(string name, IDisposable file, IH5Dataset dataset, VectorElementType type, int rows, int dimension, VectorReadOptions options)
    {
        _file = file;
        _dataset = dataset;
        _type = type;
        _converter = new RowConverter(name, type, dimension, options.Scale);
        Name = name;
        Dimension = dimension;
        Rows = Math.Min(rows, options.MaxRows ?? rows);
    }

    public int Rows { get; }
    public int Dimension { get; }
    public string Name { get; }
    public bool ConcurrentReads => false;

    /// <summary>Opens dataset <paramref name="dataset"/> of <paramref name="path"/>, checking that it is a 2-D numeric array.</summary>
    public static Hdf5VectorSource Open(string path, string dataset, VectorReadOptions options)
    {
        var (file, data) = OpenDataset(path, dataset);
        try
        {
            string name = $"{Path.GetFileName(path)}:{dataset}";
            var dims = data.Space.Dimensions;
            if (dims.Length != 2)
                throw new UserInputException($"{name}: vectors must be a 2-D dataset (rows, dimension), found {dims.Length} dimensions");
            if (dims[0] > (ulong)Array.MaxLength || dims[1] > (ulong)Array.MaxLength)
                throw new UserInputException($"{name}: {dims[0]} x {dims[1]} is more than Sigah supports");
            var type = ElementType(data, name);
            // Uncompressed layouts must fit in the file; checking first keeps a lying header from sizing buffers.
            // Chunked datasets may be compressed, but not beyond MaxCompressionRatio: chunks that were declared
            // and never written would otherwise make a tiny file size huge buffers of fill values.
            long fileLength = new FileInfo(path).Length;
            var declared = (Int128)dims[0] * dims[1] * type.Size();
            if (data.Layout.Class is H5DataLayoutClass.Contiguous or H5DataLayoutClass.Compact && declared > fileLength)
                throw new UserInputException($"{name}: {dims[0]} x {dims[1]} values do not fit in the file's {fileLength} bytes");
            if (declared > (Int128)fileLength * MaxCompressionRatio + SmallDatasetBytes)
                throw new UserInputException(
                    $"{name}: {dims[0]} x {dims[1]} values need {declared} bytes, far more than the file's {fileLength} (damaged or mostly unwritten)");
            return new Hdf5VectorSource(name, file, data, type, (int)dims[0], (int)dims[1], options);
        }
        catch (Exception e) when (e is not UserInputException)
        {
            file.Dispose();
            throw Damaged(path, e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// PureHDF reports damaged metadata with whatever exception its decoder meets (range, version, "file too
    /// small", unsupported message types); to the user they all mean the same thing.
    /// </summary>
    private static UserInputException Damaged(string path, Exception e) =>
        UserInputException.ForFile(path, $"not a valid HDF5 file ({e.Message})", e);

    /// <summary>Reads a whole 2-D integer dataset (e.g. <c>neighbors</c>) exactly, as int32 values.</summary>
    public static (int[] Values, int Rows, int Cols) ReadInt32(string path, string dataset)
    {
        using var source = Open(path, dataset, new VectorReadOptions());
        if (source._type is not (VectorElementType.Int32 or VectorElementType.Int64 or VectorElementType.UInt8))
            throw new UserInputException($"{source.Name}: expected an integer dataset, found {source._type}");
        var values = new int[(long)source.Rows * source.Dimension];
        if (values.Length == 0) return (values, source.Rows, source.Dimension);
        var selection = new HyperslabSelection(2, [0, 0], [(ulong)source.Rows, (ulong)source.Dimension]);
        try
        {
            switch (source._type)
            {
                case VectorElementType.Int32:
                    source._dataset.Read(values, fileSelection: selection);
                    break;
                case VectorElementType.UInt8:
                    values = source._dataset.Read<byte[]>(fileSelection: selection).Select(b => (int)b).ToArray();
                    break;
                default:
                    var longs = source._dataset.Read<long[]>(fileSelection: selection);
                    for (int i = 0; i < longs.Length; i++)
                        values[i] = longs[i] is >= int.MinValue and <= int.MaxValue ? (int)longs[i]
                            : throw new UserInputException($"{source.Name}: value {longs[i]} at row {i / source.Dimension} does not fit in int32");
                    break;
            }
        }
        catch (Exception e) when (e is not UserInputException)
        {
            throw Damaged(path, e);
        }
        return (values, source.Rows, source.Dimension);
    }

    /// <summary>Writes a new HDF5 file holding <paramref name="m"/> as the float32 dataset <paramref name="dataset"/>.</summary>
    public static void Write(string path, string dataset, FloatMatrix m)
    {
        ElementWriter.CheckRepresentable(path, m, VectorElementType.Float32);
        var file = new H5File { [dataset] = new H5Dataset(m.Data, fileDims: [(ulong)m.Rows, (ulong)m.Cols]) };
        // PureHDF needs a readable, seekable stream; the atomic file stream is write-only, so build in memory.
        using var buffer = new MemoryStream();
        file.Write(buffer);
        AtomicFile.Write(path, stream => buffer.WriteTo(stream));
    }

    public void ReadRows(int start, int count, Span<float> destination)
    {
        VectorSourceChecks.CheckRange(this, start, count, destination.Length);
        if (count == 0 || Dimension == 0) return;
        switch (_type)
        {
            case VectorElementType.Float32: ReadTyped<float>(start, count, destination); break;
            case VectorElementType.Float64: ReadTyped<double>(start, count, destination); break;
            case VectorElementType.UInt8: ReadTyped<byte>(start, count, destination); break;
            case VectorElementType.Int32: ReadTyped<int>(start, count, destination); break;
            default: ReadTyped<long>(start, count, destination); break;
        }
    }

    public void Dispose() => _file.Dispose();

    private unsafe void ReadTyped<T>(int start, int count, Span<float> destination) where T : unmanaged
    {
        var buffer = new T[(long)count * Dimension];
        try
        {
            _dataset.Read(buffer, fileSelection: new HyperslabSelection(2, [(ulong)start, 0], [(ulong)count, (ulong)Dimension]));
        }
        catch (Exception e) when (e is not UserInputException)
        {
            throw new UserInputException($"{Name}: cannot read rows {start}..{start + count}: {e.Message}", e);
        }
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan());
        int rowBytes = Dimension * sizeof(T);
        for (int i = 0; i < count; i++)
            _converter.Convert(bytes.Slice(i * rowBytes, rowBytes), destination.Slice(i * Dimension, Dimension), start + i);
    }

    private static (IDisposable File, IH5Dataset Dataset) OpenDataset(string path, string dataset)
    {
        NpyFile.OpenRead(path).Dispose();
        string fileName = Path.GetFileName(path);
        PureHDF.VOL.Native.NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e)
        {
            throw Damaged(path, e);
        }
        try
        {
            if (!file.LinkExists(dataset) || file.Get(dataset) is not IH5Dataset data)
            {
                string has = string.Join(", ", file.Children().OfType<IH5Dataset>().Select(c => c.Name).Order(StringComparer.Ordinal));
                throw new UserInputException($"{fileName}: no dataset '{dataset}' (has: {has})");
            }
            return (file, data);
        }
        catch (Exception e) when (e is not UserInputException)
        {
            file.Dispose();
            throw Damaged(path, e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static VectorElementType ElementType(IH5Dataset data, string name)
    {
        var type = data.Type;
        return (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 4) => VectorElementType.Float32,
            (H5DataTypeClass.FloatingPoint, 8) => VectorElementType.Float64,
            (H5DataTypeClass.FixedPoint, 1) when !type.FixedPoint.IsSigned => VectorElementType.UInt8,
            (H5DataTypeClass.FixedPoint, 4) when type.FixedPoint.IsSigned => VectorElementType.Int32,
            (H5DataTypeClass.FixedPoint, 8) when type.FixedPoint.IsSigned => VectorElementType.Int64,
            _ => throw new UserInputException($"{name}: unsupported element type ({type.Class}, {type.Size} bytes)"),
        };
    }
}
