using System.Runtime.InteropServices;

namespace Sigah.Hashing;

/// <summary>Reading and writing the arrays and version checks that model payloads are made of.</summary>
internal static class ModelPayload
{
    /// <summary>Writes the raw little-endian bytes of <paramref name="values"/> (no length prefix: the reader knows it).</summary>
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads <paramref name="count"/> floats written by <see cref="WriteFloats"/>; a short payload throws <see cref="EndOfStreamException"/>.</summary>
    public static float[] ReadFloats(BinaryReader reader, int count)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // A damaged size must not allocate more than the payload could hold.
        if (reader.BaseStream.CanSeek && 4L * count > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new EndOfStreamException();
        var values = new float[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (int read = 0; read < bytes.Length;)
        {
            int got = reader.Read(bytes[read..]);
            if (got == 0) throw new EndOfStreamException();
            read += got;
        }
        return values;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> unless the file's payload version is <paramref name="supported"/>.</summary>
    public static void RequireVersion(ModelHeader header, int supported) => RequireVersion(header, supported, supported);

    /// <summary>Throws <see cref="InvalidDataException"/> unless the file's payload version is within <paramref name="oldest"/>..<paramref name="newest"/>.</summary>
    public static void RequireVersion(ModelHeader header, int oldest, int newest)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.PayloadVersion < oldest || header.PayloadVersion > newest)
            throw new InvalidDataException($"{header.Method} payload version {header.PayloadVersion} is not supported (expected {(oldest == newest ? $"{newest}" : $"{oldest} to {newest}")})");
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="what"/> when a stored value is out of range.</summary>
    public static int RequireInRange(int value, int min, int max, string what)
    {
        if (value < min || value > max) throw new InvalidDataException($"{what} {value} is out of range {min}..{max}");
        return value;
    }
}
