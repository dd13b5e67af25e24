using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Sigah.IO;

/// <summary>Bytes at a fixed address for as long as the region is not disposed: a mapped file or a pinned array.</summary>
internal abstract unsafe partial class ByteRegion : IDisposable
{
    /// <summary>Address of the first byte.</summary>
    public abstract byte* Pointer { get; }

    /// <summary>Number of bytes.</summary>
    public abstract long Length { get; }

    public abstract void Dispose();

    /// <summary>Maps <paramref name="path"/> read-only (an empty file becomes an empty region).</summary>
    public static ByteRegion Map(string path, long length) =>
        length == 0 ? new PinnedBytes([]) : new MappedFile(path, length);

    /// <summary>Pins <paramref name="bytes"/> for the region's lifetime.</summary>
    public static ByteRegion Pin(byte[] bytes) => new PinnedBytes(bytes);

    private sealed class MappedFile : ByteRegion
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;
        private readonly byte* _pointer;

        public MappedFile(string path, long length)
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* start = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            _pointer = start + _view.PointerOffset;
            Length = length;
            AdviseSequential(start, _view.PointerOffset + length);
        }

        /// <summary>
        /// Tells Linux the mapping is read front to back, so it reads ahead more aggressively when the file is not in
        /// the page cache. Only a hint: failure (or another OS) changes nothing but speed.
        /// </summary>
        private static void AdviseSequential(byte* pageAlignedStart, long length)
        {
            if (!OperatingSystem.IsLinux()) return;
            try
            {
                _ = Madvise((nint)pageAlignedStart, (nuint)length, MadviseSequential);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc madvise: keep the default readahead.
            }
        }

        public override byte* Pointer => _pointer;
        public override long Length { get; }

        public override void Dispose()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }

    private sealed class PinnedBytes(byte[] bytes) : ByteRegion
    {
        private GCHandle _handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);

        public override byte* Pointer => (byte*)_handle.AddrOfPinnedObject();
        public override long Length { get; } = bytes.LongLength;

        public override void Dispose()
        {
            if (_handle.IsAllocated) _handle.Free();
        }
    }

    private const int MadviseSequential = 2;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
