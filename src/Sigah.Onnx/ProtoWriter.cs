using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Sigah.Onnx;

/// <summary>
/// The Protocol Buffers wire format as far as ONNX files need it: varint, 32-bit and length-delimited fields and
/// nested messages. Small and dependency-free; ONNX's schema (onnx.proto) gives the field numbers the callers use.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0, LengthDelimitedType = 2, Fixed32Type = 5;
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>An integer field (int32, int64 or enum).</summary>
    public void Varint(int field, long value)
    {
        Tag(field, VarintType);
        WriteVarint((ulong)value);
    }

    /// <summary>A float field.</summary>
    public void Float(int field, float value)
    {
        Tag(field, Fixed32Type);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>A bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A string field, UTF-8.</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message written by <paramref name="write"/>.</summary>
    public void Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        Bytes(field, inner.ToArray());
    }

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}
