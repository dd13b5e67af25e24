using Sigah.Core;
namespace Sigah.IO;

/// <summary>
/// The write-only stream <see cref="AtomicFile"/> hands to its callback: a file stream whose I/O failures
/// (a full disk, a quota) become one-line <see cref="UserInputException"/>s naming the target file rather
/// than the temporary one, so they cannot be mistaken for failures of whatever the callback reads.
/// </summary>
internal sealed class OutputFileStream(FileStream inner, Func<Exception, UserInputException> describe) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => true;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try { inner.Write(buffer); }
        catch (IOException e) { throw describe(e); }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        try { inner.Flush(); }
        catch (IOException e) { throw describe(e); }
    }

    /// <summary>Flushes buffered bytes through to the disk.</summary>
    public void FlushToDisk()
    {
        try { inner.Flush(flushToDisk: true); }
        catch (IOException e) { throw describe(e); }
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // After a successful FlushToDisk nothing is left to write; after a failed write the temporary file is
        // deleted anyway, so a second failure while closing must not hide the first.
        if (disposing)
        {
            try { inner.Dispose(); }
            catch (IOException) { }
        }
        base.Dispose(disposing);
    }
}
