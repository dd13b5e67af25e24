namespace Sigah.IO.Mat;

/// <summary>A v5 data element inside the bytes a <see cref="MatV5Cursor"/> reads: its type, byte count and where its data starts.</summary>
internal readonly record struct MatV5Element(int Type, int Size, int DataStart);

/// <summary>
/// Reads the data elements of one v5 structure in order: an 8-byte tag (type, byte count) and the data padded to 8
/// bytes, or the small form (type and a count of at most 4 in one word, the data in the next 4 bytes). An element
/// that does not fit in the structure is a damaged-file error naming <paramref name="what"/>, never an index exception.
/// </summary>
internal ref struct MatV5Cursor(ReadOnlySpan<byte> bytes, MatV5File file, string what)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>Where the next element's tag starts.</summary>
    public int Position { get; set; }

    /// <summary>Reads the tag at <see cref="Position"/> and moves past the element and its padding.</summary>
    public MatV5Element Next()
    {
        if (Position < 0 || _bytes.Length - Position < 8) throw file.Damaged($"{what} is truncated");
        uint first = file.U32(_bytes[Position..]);
        if (first >> 16 != 0)
        {
            int small = (int)(first >> 16);
            if (small > 4) throw file.Damaged($"{what} has a small data element of {small} bytes (at most 4)");
            var element = new MatV5Element((int)(first & 0xFFFF), small, Position + 4);
            Position += 8;
            return element;
        }
        uint size = file.U32(_bytes[(Position + 4)..]);
        int start = Position + 8;
        if (size > (uint)(_bytes.Length - start))
            throw file.Damaged($"{what} has an element of {size} bytes where {_bytes.Length - start} are left");
        Position = (int)Math.Min(_bytes.Length, start + ((long)size + 7) / 8 * 8);
        return new MatV5Element((int)first, (int)size, start);
    }

    /// <summary>The data of <paramref name="element"/>.</summary>
    public readonly ReadOnlySpan<byte> Data(MatV5Element element) => _bytes.Slice(element.DataStart, element.Size);
}
