using System.Runtime.InteropServices;

namespace Sigah.Hashing;

/// <summary>Raw little-endian float arrays inside a model payload (models write their parameters with these).</summary>
public static class PayloadArrays
{
    /// <summary>Writes the values of <paramref name="values"/> as consecutive float32 (no length prefix).</summary>
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads exactly <paramref name="count"/> float32 values; a short payload throws <see cref="EndOfStreamException"/>.</summary>
    public static float[] ReadFloats(BinaryReader reader, long count)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new float[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        int read = 0;
        while (read < bytes.Length)
        {
            int n = reader.Read(bytes[read..]);
            if (n == 0) throw new EndOfStreamException();
            read += n;
        }
        return values;
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> (reported by <see cref="ModelFile"/> as a damaged or too-new
    /// file) unless the header's payload version is <paramref name="supported"/>.
    /// </summary>
    public static void CheckVersion(ModelHeader header, int supported)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.PayloadVersion != supported)
            throw new InvalidDataException($"{header.Method} model payload version {header.PayloadVersion} is not supported (expected {supported})");
    }
}
