using System.Buffers.Binary;
using System.Numerics;

namespace Sigah.IO.Hdf5;

/// <summary>
/// Bob Jenkins' lookup3 hash (<c>hashlittle</c>, initial value 0): the checksum HDF5 stores after its version 2
/// superblock, object headers and array index blocks.
/// </summary>
internal static class Lookup3Checksum
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length;
        while (data.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(data);
            b += BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }
        if (data.IsEmpty) return c;
        // The last 1..12 bytes are added as if zero-padded to 12.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
        return c;
    }

    /// <summary>True when the last 4 bytes of <paramref name="block"/> are the checksum of the bytes before them.</summary>
    public static bool Verify(ReadOnlySpan<byte> block) =>
        block.Length >= 4 && Compute(block[..^4]) == BinaryPrimitives.ReadUInt32LittleEndian(block[^4..]);

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }
}
