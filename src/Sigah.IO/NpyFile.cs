using Sigah.Core;
namespace Sigah.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0–3.0; dtypes &lt;f4 &lt;f8 |u1 &lt;i4 &lt;i8; C order only).
/// Writing goes through <see cref="AtomicFile"/>.
/// </summary>
public static class NpyFile
{
    /// <summary>Reads the whole array. Fails with a one-line <see cref="UserInputException"/> naming the file.</summary>
    public static NpyArray Read(string path)
    {
        using var stream = OpenRead(path);
        var header = NpyHeader.Read(stream, path);
        if (header.DataLength > Array.MaxLength)
            throw UserInputException.ForFile(path, $"array of {header.DataLength} bytes is too large to load whole");
        var data = new byte[header.DataLength];
        stream.Position = header.DataOffset;
        stream.ReadExactly(data);
        return new NpyArray(header.DType, header.Shape, data, Path.GetFileName(path));
    }

    /// <summary>
    /// Writes <paramref name="data"/> with the given shape (the product of <paramref name="shape"/> must equal
    /// <c>data.Length</c>). T is float, double, byte, int or long.
    /// </summary>
    public static unsafe void Write<T>(string path, ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        string dtype = DTypeOf<T>();
        long count = 1;
        foreach (int s in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(shape));
            count *= s;
        }
        if (count != data.Length)
            throw new ArgumentException($"shape {NpyHeader.FormatShape(shape)} holds {count} values, data has {data.Length}", nameof(shape));
        byte[] header = NpyHeader.Format(dtype, shape);
        fixed (T* pinned = data)
        {
            // The span cannot enter the lambda; its pinned address and byte length can.
            nint address = (nint)pinned;
            long bytes = (long)data.Length * sizeof(T);
            AtomicFile.Write(path, stream =>
            {
                stream.Write(header);
                WriteRaw(stream, address, bytes);
            });
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading, turning a missing file into the conventional one-line error.</summary>
    internal static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw UserInputException.ForFile(path, "is a directory, expected a file");
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "no such file");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"{Path.GetFileName(path)}: cannot read: permission denied", e);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> bytes starting at <paramref name="address"/> (pinned by the caller).</summary>
    internal static unsafe void WriteRaw(Stream stream, nint address, long bytes)
    {
        const int chunk = 1 << 30;
        for (long offset = 0; offset < bytes; offset += chunk)
            stream.Write(new ReadOnlySpan<byte>((byte*)address + offset, (int)Math.Min(chunk, bytes - offset)));
    }

    private static string DTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? "<f4"
        : typeof(T) == typeof(double) ? "<f8"
        : typeof(T) == typeof(byte) ? "|u1"
        : typeof(T) == typeof(int) ? "<i4"
        : typeof(T) == typeof(long) ? "<i8"
        : throw new NotSupportedException($"no .npy dtype for {typeof(T).Name} (use float, double, byte, int or long)");
}
