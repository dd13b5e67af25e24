using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Writes and reads the values of a list of parameters (for example <see cref="Sequential.Parameters"/>) inside a
/// model payload. Layout (little-endian): count (int32), then per parameter its name (length-prefixed UTF-8), length
/// (int32) and values (float32 × length). The architecture itself is the model's to record: reading checks that the
/// file's parameters match the given ones in order, name and length.
/// </summary>
public static class ParameterSerializer
{
    /// <summary>Appends the values of <paramref name="parameters"/> to <paramref name="writer"/>.</summary>
    public static void Write(BinaryWriter writer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        RequireLittleEndian();
        writer.Write(parameters.Count);
        foreach (var p in parameters)
        {
            writer.Write(p.Name);
            writer.Write(p.Length);
            writer.Write(MemoryMarshal.AsBytes(p.Value.AsSpan()));
        }
    }

    /// <summary>
    /// Reads values written by <see cref="Write"/> into <paramref name="parameters"/>. A mismatch with the given
    /// parameters is an <see cref="InvalidDataException"/> saying which; a short stream an <see cref="EndOfStreamException"/>.
    /// </summary>
    public static void Read(BinaryReader reader, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parameters);
        RequireLittleEndian();
        int count = reader.ReadInt32();
        if (count != parameters.Count)
            throw new InvalidDataException($"payload has {count} parameter arrays, the network has {parameters.Count}");
        foreach (var p in parameters)
        {
            string name = reader.ReadString();
            int length = reader.ReadInt32();
            if (name != p.Name || length != p.Length)
                throw new InvalidDataException($"payload parameter '{name}' ({length} values) does not match '{p.Name}' ({p.Length} values)");
            var bytes = MemoryMarshal.AsBytes(p.Value.AsSpan());
            for (int read = 0; read < bytes.Length;)
            {
                int n = reader.Read(bytes[read..]);
                if (n == 0) throw new EndOfStreamException($"payload ends inside parameter '{p.Name}'");
                read += n;
            }
            if (!TensorPrimitives.IsFiniteAll<float>(p.Value))
                throw new InvalidDataException($"payload parameter '{p.Name}' has a non-finite value");
        }
    }

    // The values are copied as raw bytes; the file format is little-endian, as is every platform .NET runs Sigah on.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model payloads need a little-endian machine");
    }
}
