using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Sigah.Core;

namespace Sigah.Server.Storage;

/// <summary>
/// A collection's write-ahead log: files <c>wal-{first lsn}.log</c> in one directory, each a 24-byte header
/// (<c>SIGAHWAL</c>, version, code bytes, vector dimension) and then <see cref="LogRecord"/>s with consecutive
/// sequence numbers. <see cref="Append"/> writes a batch of records and flushes it to disk before returning, so a
/// caller may acknowledge the writes; a failed append cuts the file back to its last whole record. Only the
/// newest file is written; <see cref="Rotate"/> starts a new one so that older files can be dropped once a
/// snapshot holds their records. A log that cannot be opened for writing (a read-only data directory) still
/// replays, and every append tries again to open it, failing with the system's error until it can. Not
/// thread-safe: the collection's writer is its only user.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    private const int HeaderBytes = 24;
    private const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "SIGAHWAL"u8;

    private readonly string _directory;
    private readonly int _codeBytes, _dimension;
    private FileStream? _file;
    private long _length;
    private bool _needsCut;
    private string? _newestPath;

    private WriteAheadLog(string directory, int codeBytes, int dimension, FileStream? file, long length, long lastLsn)
    {
        _directory = directory;
        _codeBytes = codeBytes;
        _dimension = dimension;
        _file = file;
        _length = length;
        LastLsn = lastLsn;
    }

    /// <summary>Sequence number of the last record written (0 before any).</summary>
    public long LastLsn { get; private set; }

    /// <summary>Bytes written to the current file since it was started.</summary>
    public long CurrentFileBytes => Math.Max(0, _length - HeaderBytes);

    /// <summary>
    /// Opens the log in <paramref name="directory"/>, replaying into <paramref name="apply"/> every record after
    /// <paramref name="afterLsn"/> (what a snapshot already holds), in order. A torn tail of the newest file is cut
    /// off; damage anywhere else is a <see cref="UserInputException"/> naming the file.
    /// </summary>
    public static WriteAheadLog Open(string directory, int codeBytes, int dimension, long afterLsn, Action<LogRecord> apply)
    {
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory);
        var files = Files(directory);
        long last = afterLsn;
        for (int f = 0; f < files.Count; f++)
        {
            bool newest = f == files.Count - 1;
            var (path, first) = files[f];
            byte[] bytes = File.ReadAllBytes(path);
            if (newest && bytes.Length < HeaderBytes && first == last + 1)
            {
                // Killed while the file was being started: nothing in it was ever acknowledged.
                File.Delete(path);
                break;
            }
            CheckHeader(path, bytes, codeBytes, dimension);
            int at = HeaderBytes;
            long expected = first;
            while (at < bytes.Length)
            {
                var record = LogRecord.TryRead(bytes.AsSpan(at), codeBytes, dimension, out int size);
                if (record is null || record.Lsn != expected)
                {
                    if (!newest) throw UserInputException.ForFile(path, $"damaged record at byte {at} (not the end of the newest log file)");
                    break;
                }
                if (record.Lsn > afterLsn)
                {
                    if (record.Lsn != last + 1) throw UserInputException.ForFile(path, $"record {record.Lsn} follows {last}: a log file is missing");
                    apply(record);
                    last = record.Lsn;
                }
                at += size;
                expected++;
            }
            if (newest)
            {
                var log = new WriteAheadLog(directory, codeBytes, dimension, null, at, last) { _newestPath = path };
                if (at < bytes.Length) log._needsCut = true;
                log.TryReopen();
                return log;
            }
        }
        var fresh = new WriteAheadLog(directory, codeBytes, dimension, null, 0, last);
        fresh.TryReopen();
        return fresh;
    }

    /// <summary>
    /// Writes <paramref name="records"/> (numbered <see cref="LastLsn"/> + 1, + 2, …) and flushes them to disk in one
    /// fsync: the group commit of every write waiting for the writer. On failure the file is cut back to where it
    /// was and the exception is rethrown; nothing of the batch counts as written.
    /// </summary>
    public void Append(IReadOnlyList<LogRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var file = Reopen();
        if (_needsCut) CutBack(file);
        int total = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i].Lsn != LastLsn + 1 + i) throw new ArgumentException($"record {records[i].Lsn} is not number {LastLsn + 1 + i}", nameof(records));
            total = checked(total + records[i].Size);
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            int at = 0;
            foreach (var record in records)
            {
                record.WriteTo(buffer.AsSpan(at));
                at += record.Size;
            }
            file.Position = _length;
            file.Write(buffer, 0, total);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            _needsCut = true;
            try { CutBack(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        _length += total;
        LastLsn += records.Count;
    }

    /// <summary>Starts a new log file for the records after <see cref="LastLsn"/>.</summary>
    public void Rotate()
    {
        var file = Reopen();
        if (_needsCut) CutBack(file);
        var next = Create(_directory, LastLsn + 1, _codeBytes, _dimension);
        file.Dispose();
        _file = next;
        _newestPath = next.Name;
        _length = next.Length;
    }

    /// <summary>Deletes the files every record of which is at or before <paramref name="lsn"/> (held by a snapshot).</summary>
    public void DropUpTo(long lsn)
    {
        var files = Files(_directory);
        for (int f = 0; f + 1 < files.Count; f++)
            if (files[f + 1].First - 1 <= lsn) File.Delete(files[f].Path);
    }

    /// <inheritdoc/>
    public void Dispose() => _file?.Dispose();

    private void TryReopen()
    {
        try { Reopen(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The newest file open for appending: opened (or started) now if it was not before.</summary>
    private FileStream Reopen()
    {
        if (_file is not null) return _file;
        if (_newestPath is null)
        {
            _file = Create(_directory, LastLsn + 1, _codeBytes, _dimension);
            _newestPath = _file.Name;
            _length = _file.Length;
            return _file;
        }
        _file = new FileStream(_newestPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        if (_needsCut) CutBack(_file);
        return _file;
    }

    private void CutBack(FileStream file)
    {
        file.SetLength(_length);
        file.Flush(flushToDisk: true);
        _needsCut = false;
    }

    private static FileStream Create(string directory, long first, int codeBytes, int dimension)
    {
        string path = Path.Combine(directory, FileName(first));
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], Version);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], codeBytes);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], dimension);
            file.Write(header);
            file.Flush(flushToDisk: true);
            DirectorySync.Flush(directory);
            return file;
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }
    }

    private static void CheckHeader(string path, ReadOnlySpan<byte> bytes, int codeBytes, int dimension)
    {
        if (bytes.Length < HeaderBytes || !bytes[..8].SequenceEqual(Magic)) throw UserInputException.ForFile(path, "not a Sigah log file (bad header)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version != Version) throw UserInputException.ForFile(path, $"log format version {version} is not supported (this build reads {Version})");
        if (BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]) != codeBytes || BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]) != dimension)
            throw UserInputException.ForFile(path, "log was written for another code size or vector dimension than the collection's model");
    }

    private static string FileName(long first) => $"wal-{first.ToString("D20", CultureInfo.InvariantCulture)}.log";

    private static List<(string Path, long First)> Files(string directory)
    {
        var files = new List<(string, long)>();
        foreach (string path in Directory.EnumerateFiles(directory, "wal-*.log"))
        {
            string digits = Path.GetFileNameWithoutExtension(path)[4..];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long first)) files.Add((path, first));
        }
        files.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return files;
    }
}
