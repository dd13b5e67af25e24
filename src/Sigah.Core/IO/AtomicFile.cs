namespace Sigah.Core.IO;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the bytes go
/// to a temporary file beside the target (<c>.{name}.{pid}.sigah-tmp</c>), are flushed to disk, then the
/// temporary file is renamed over the target. A failed write deletes its temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix that marks Sigah's temporary files.</summary>
    public const string TempSuffix = ".sigah-tmp";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw UserInputException.ForFile(path, "cannot write: directory does not exist");
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new UserInputException($"{Path.GetFileName(path)}: cannot write: permission denied", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
