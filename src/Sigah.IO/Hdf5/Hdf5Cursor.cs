using System.Buffers.Binary;

namespace Sigah.IO.Hdf5;

/// <summary>
/// Reads little-endian fields of one metadata structure in order. Reading past the structure's bytes is a
/// damaged-file error naming the structure, never an index exception.
/// </summary>
internal ref struct Hdf5Cursor(ReadOnlySpan<byte> bytes, Hdf5File file, string what)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _bytes.Length - Position;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>An unsigned integer stored in <paramref name="size"/> bytes (1 to 8).</summary>
    public ulong UInt(int size)
    {
        var field = Take(size);
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--) value = value << 8 | field[i];
        return value;
    }

    /// <summary>A file address (the superblock's size of offsets), <see cref="Hdf5Superblock.UndefinedAddress"/> when all bits are set.</summary>
    public ulong Address()
    {
        int size = file.Superblock.OffsetSize;
        ulong value = UInt(size);
        return value == Hdf5Superblock.AllOnes(size) ? Hdf5Superblock.UndefinedAddress : value;
    }

    /// <summary>A length field (the superblock's size of lengths).</summary>
    public ulong Length() => UInt(file.Superblock.LengthSize);

    /// <summary>A length field that must fit in an <see cref="int"/> (a count or size of something held in memory).</summary>
    public int SmallLength(string field)
    {
        ulong value = Length();
        return value <= (ulong)Array.MaxLength ? (int)value : throw file.Damaged($"{what}: {field} {value} is impossibly large");
    }

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    public void Skip(int count) => Take(count);

    /// <summary>Moves to byte <paramref name="position"/> of the structure.</summary>
    public void Seek(int position)
    {
        if (position < 0 || position > _bytes.Length) throw file.Damaged($"{what} is truncated");
        Position = position;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining) throw file.Damaged($"{what} is truncated");
        var span = _bytes.Slice(Position, count);
        Position += count;
        return span;
    }
}
