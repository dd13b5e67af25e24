using Sigah.Core;
namespace Sigah.IO.Hdf5;

/// <summary>A dataset's description, from its object header: dimensions, element type, storage layout, filters and fill value.</summary>
internal sealed class Hdf5Dataset
{
    /// <summary>
    /// A dataset may hold this many times more data than its file's size (chunks can be compressed); beyond that the
    /// file is damaged or mostly unwritten, and its header must not size our buffers.
    /// </summary>
    private const int MaxCompressionRatio = 64;

    /// <summary>Data any file may declare whatever its size, so tiny files with fill values still open.</summary>
    private const long SmallDatasetBytes = 1 << 20;

    private Hdf5Dataset(Hdf5File file, string name, ulong[] dims, ulong[] maxDims, StoredElementType type, Hdf5Layout layout, Hdf5Filter[] filters, byte[] fillValue)
    {
        File = file;
        Name = name;
        Dims = dims;
        MaxDims = maxDims;
        Type = type;
        Layout = layout;
        Filters = filters;
        FillValue = fillValue;
    }

    public Hdf5File File { get; }

    /// <summary><c>file.hdf5:path</c>, for messages.</summary>
    public string Name { get; }

    public ulong[] Dims { get; }

    /// <summary>Maximum dimensions (<see cref="Hdf5Superblock.UndefinedAddress"/> where unlimited).</summary>
    public ulong[] MaxDims { get; }

    public StoredElementType Type { get; }

    public Hdf5Layout Layout { get; }

    /// <summary>The filter pipeline, in the order applied when writing (empty when unfiltered).</summary>
    public Hdf5Filter[] Filters { get; }

    /// <summary>One element's bytes, read wherever nothing was written.</summary>
    public byte[] FillValue { get; }

    /// <summary>The most data bytes a dataset (or one chunk) of a file of <paramref name="fileLength"/> bytes may declare.</summary>
    public static Int128 MaxDataBytes(long fileLength) => (Int128)fileLength * MaxCompressionRatio + SmallDatasetBytes;

    public static Hdf5Dataset Open(Hdf5File file, string path)
    {
        var header = Hdf5Tree.FindDataset(file, path);
        var space = Required(file, header, Hdf5MessageType.Dataspace, "dataspace");
        var datatype = Required(file, header, Hdf5MessageType.Datatype, "datatype");
        var layoutMessage = Required(file, header, Hdf5MessageType.Layout, "data layout");
        if (header.Find(Hdf5MessageType.ExternalFiles) is not null) throw file.Unsupported("data stored in external files");
        var (dims, maxDims) = Hdf5Dataspace.Read(file, space.Body);
        var type = Hdf5Datatype.Parse(file, datatype.Body);
        var layout = Hdf5Layout.Parse(file, layoutMessage.Body, dims.Length, SaturatingBytes(dims, type.Size));
        var pipeline = header.Find(Hdf5MessageType.FilterPipeline);
        if (pipeline is { IsShared: true }) throw file.Unsupported("shared filter pipeline messages");
        var filters = pipeline is { } p ? Hdf5Filter.ParsePipeline(file, p.Body) : [];
        var fill = Hdf5FillValue.Read(file, header, type.Size);
        return new Hdf5Dataset(file, $"{file.FileName}:{path}", dims, maxDims, type, layout, filters, fill);
    }

    /// <summary>
    /// Checks that the dataset is a matrix Sigah can read: 2-D, each side an array length, and no more data than the
    /// file can hold (stored as is) or plausibly decompress to (chunked). Returns (rows, columns).
    /// </summary>
    public (int Rows, int Cols) MatrixShape()
    {
        if (Dims.Length != 2)
            throw new UserInputException($"{Name}: vectors must be a 2-D dataset (rows, dimension), found {Dims.Length} dimensions");
        ulong rows = Dims[0], cols = Dims[1];
        if (rows > (ulong)Array.MaxLength || cols > (ulong)Array.MaxLength)
            throw new UserInputException($"{Name}: {rows} x {cols} is more than Sigah supports");
        // Rows of dimension 0 take no bytes, so a header can claim billions of them (ground truth would allocate a list for each).
        if (rows > 0 && cols == 0)
            throw new UserInputException($"{Name}: {rows} rows of dimension 0");
        if ((long)cols * Type.Size > Array.MaxLength)
            throw new UserInputException($"{Name}: dimension {cols} is more than Sigah supports ({Array.MaxLength / Type.Size})");
        long fileLength = File.Length;
        var declared = (Int128)rows * cols * Type.Size;
        if (Layout.Class != Hdf5StorageClass.Chunked && declared > fileLength)
            throw new UserInputException($"{Name}: {rows} x {cols} values do not fit in the file's {fileLength} bytes");
        if (declared > MaxDataBytes(fileLength))
            throw new UserInputException($"{Name}: {rows} x {cols} values need {declared} bytes, far more than the file's {fileLength} (damaged or mostly unwritten)");
        return ((int)rows, (int)cols);
    }

    private static Hdf5Message Required(Hdf5File file, Hdf5ObjectHeader header, Hdf5MessageType type, string what)
    {
        var message = header.Find(type) ?? throw file.Damaged($"a dataset has no {what} message");
        if (message.IsShared) throw file.Unsupported($"shared {what} messages (committed datatypes)");
        return message;
    }

    /// <summary>The product of <paramref name="dims"/> times <paramref name="elementSize"/>, saturating at <see cref="ulong.MaxValue"/>.</summary>
    private static ulong SaturatingBytes(ulong[] dims, int elementSize)
    {
        UInt128 bytes = (uint)elementSize;
        foreach (ulong d in dims) bytes = bytes == 0 || d <= ulong.MaxValue / bytes ? bytes * d : ulong.MaxValue;
        return bytes > ulong.MaxValue ? ulong.MaxValue : (ulong)bytes;
    }
}
