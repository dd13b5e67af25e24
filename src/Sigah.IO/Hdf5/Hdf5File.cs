using Microsoft.Win32.SafeHandles;
using Sigah.Core;

namespace Sigah.IO.Hdf5;

/// <summary>
/// An HDF5 file opened for reading: its superblock, bounds-checked reads at file addresses, and the errors every
/// part of the reader raises. Metadata reads draw on a budget proportional to the file's length, so no hostile
/// arrangement of pointers (cycles, overlapping nodes) can make the reader's work grow faster than the file.
/// Raw data reads are thread-safe (positional reads); metadata reads are not.
/// </summary>
internal sealed class Hdf5File : IDisposable
{
    /// <summary>Metadata bytes a file may make us read per byte of its length, before it counts as damaged.</summary>
    private const long MetadataReadsPerByte = 4;

    /// <summary>Metadata reads any file may make whatever its length (a few small structures read more than once).</summary>
    private const long FixedMetadataReads = 1 << 20;

    private readonly FileStream _stream;
    private long _metadataBudget;

    private Hdf5File(string path, FileStream stream)
    {
        _stream = stream;
        FileName = Path.GetFileName(path);
        Length = stream.Length;
        _metadataBudget = FixedMetadataReads + MetadataReadsPerByte * Length;
        Superblock = Hdf5Superblock.Read(this);
    }

    /// <summary>The file's name (without directories), for messages.</summary>
    public string FileName { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    public Hdf5Superblock Superblock { get; }

    /// <summary>Opens <paramref name="path"/> and reads its superblock.</summary>
    public static Hdf5File Open(string path)
    {
        var stream = NpyFile.OpenRead(path);
        try
        {
            return new Hdf5File(path, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The OS handle, for positional reads of raw data.</summary>
    public SafeFileHandle Handle => _stream.SafeFileHandle;

    /// <summary>
    /// Reads <paramref name="length"/> bytes of metadata at <paramref name="address"/> (relative to the base
    /// address); <paramref name="what"/> names the structure in messages.
    /// </summary>
    public byte[] ReadMetadata(ulong address, long length, string what)
    {
        long position = Position(address, length, what);
        _metadataBudget -= length;
        if (_metadataBudget < 0) throw Damaged("its metadata structures refer to each other in loops or overlap");
        var bytes = new byte[length];
        RandomAccess.Read(Handle, bytes, position);
        return bytes;
    }

    /// <summary>Reads raw data bytes at <paramref name="address"/> into <paramref name="destination"/> (thread-safe).</summary>
    public void ReadRaw(ulong address, Span<byte> destination, string what) =>
        RandomAccess.Read(Handle, destination, Position(address, destination.Length, what));

    /// <summary>The absolute file position of <paramref name="length"/> bytes at <paramref name="address"/>, checked against the file's end.</summary>
    public long Position(ulong address, long length, string what)
    {
        if (address == Hdf5Superblock.UndefinedAddress) throw Damaged($"{what} has no address");
        ulong start = (ulong)Superblock.BaseAddress + address;
        if (start < address || start > (ulong)Length || (ulong)length > (ulong)Length - start)
            throw Damaged($"{what} ({length} bytes) lies beyond the file's {Length} bytes");
        return (long)start;
    }

    /// <summary>The error for a structure that breaks the format: one line naming the file.</summary>
    public UserInputException Damaged(string problem) => new($"{FileName}: not a valid HDF5 file ({problem})");

    /// <summary>The error for a valid HDF5 feature this reader does not implement: one line naming the file and the feature.</summary>
    public UserInputException Unsupported(string feature) => new($"{FileName}: unsupported HDF5 feature ({feature})");

    public void Dispose() => _stream.Dispose();
}
