using System.IO.MemoryMappedFiles;

namespace Sigah.Index.Storage;

/// <summary>A whole file mapped read-only into memory; <see cref="Pointer"/> stays valid until disposed.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private bool _released;

    /// <summary>Maps <paramref name="path"/>, which must not be empty.</summary>
    public MappedFile(string path)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* start = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            Pointer = start + _view.PointerOffset;
            Length = new FileInfo(path).Length;
        }
        catch
        {
            _view?.Dispose();
            _file.Dispose();
            throw;
        }
    }

    /// <summary>First byte of the file.</summary>
    public byte* Pointer { get; }

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
