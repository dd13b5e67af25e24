using Sigah.Core;
namespace Sigah.IO;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the bytes go
/// to a temporary file beside the target (<c>.{name}.{pid}.sigah-tmp</c>, see <see cref="AtomicTempFiles"/>),
/// are flushed to disk, then the temporary file is renamed over the target. A failed write deletes its
/// temporary file; one left by a killed run is deleted by the next write into the same directory.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Suffix that marks Sigah's temporary files.</summary>
    public const string TempSuffix = AtomicTempFiles.Suffix;

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, atomically. Problems with the output
    /// location (missing directory, a directory in the way, permissions, a full disk) are
    /// <see cref="UserInputException"/>s naming the file; exceptions thrown by <paramref name="write"/> pass
    /// through unchanged.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = CheckWritable(path);
        string dir = Path.GetDirectoryName(full)!;
        AtomicTempFiles.RemoveStale(dir);
        string temp = AtomicTempFiles.For(full);
        AtomicTempFiles.Claim(temp);
        try
        {
            var file = Guarded(path, () => new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20));
            using (var stream = new OutputFileStream(file, e => CannotWrite(path, e)))
            {
                write(stream);
                stream.FlushToDisk();
            }
            Guarded(path, () => File.Move(temp, full, overwrite: true));
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            AtomicTempFiles.Release(temp);
        }
    }

    /// <summary>
    /// Checks, without writing anything, that <see cref="Write"/> could create <paramref name="path"/>: it names a
    /// file, its directory exists, and it is not a directory. Commands call this before long work, so a typo in an
    /// output path fails at once rather than after an hour of training. Returns the absolute path.
    /// </summary>
    public static string CheckWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        if (Path.GetFileName(full).Length == 0)
            throw new UserInputException($"{path}: cannot write: not a file name");
        if (!Directory.Exists(Path.GetDirectoryName(full)))
            throw UserInputException.ForFile(path, "cannot write: directory does not exist");
        if (Directory.Exists(full))
            throw UserInputException.ForFile(path, "cannot write: it is a directory");
        return full;
    }

    /// <summary>Runs a file-system step of the write, turning its failures into one-line user errors.</summary>
    private static void Guarded(string path, Action step) => Guarded(path, () =>
    {
        step();
        return true;
    });

    /// <summary>As above, for a step with a result.</summary>
    private static T Guarded<T>(string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw CannotWrite(path, e);
        }
    }

    private static UserInputException CannotWrite(string path, Exception e) =>
        UserInputException.ForFile(path, "cannot write: " + (e is IOException io ? Reason(io) : "permission denied"), e);

    /// <summary>The operating system's reason without the path .NET appends to it.</summary>
    private static string Reason(IOException e)
    {
        string message = e.Message;
        int quote = message.IndexOf(" : '", StringComparison.Ordinal);
        if (quote < 0) quote = message.IndexOf(" '", StringComparison.Ordinal);
        string reason = (quote > 0 ? message[..quote] : message).Trim().TrimEnd('.', ':').Trim();
        return reason.Length == 0 ? "input/output error" : char.ToLowerInvariant(reason[0]) + reason[1..];
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
