using Microsoft.Win32.SafeHandles;

namespace Sigah.IO.Hdf5;

/// <summary>
/// The superblock (versions 0 to 3): where HDF5 data starts in the file, the sizes of addresses and lengths, and
/// the root group's object header. A user block may precede it, so the signature is looked for at 0, 512,
/// 1024, 2048, ... as the format specifies.
/// </summary>
internal sealed class Hdf5Superblock
{
    /// <summary>The "undefined address" (all bits set), normalised to this value whatever the size of offsets.</summary>
    public const ulong UndefinedAddress = ulong.MaxValue;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];

    /// <summary>Bytes read at the signature: more than the largest superblock (version 1 with 8-byte fields).</summary>
    private const int MaxSuperblockBytes = 128;

    private Hdf5Superblock(int version, long baseAddress, int offsetSize, int lengthSize, ulong rootAddress)
    {
        Version = version;
        BaseAddress = baseAddress;
        OffsetSize = offsetSize;
        LengthSize = lengthSize;
        RootAddress = rootAddress;
    }

    public int Version { get; }

    /// <summary>Absolute file position every address is relative to (where the superblock is).</summary>
    public long BaseAddress { get; }

    /// <summary>Bytes per file address (2, 4 or 8).</summary>
    public int OffsetSize { get; }

    /// <summary>Bytes per length field (2, 4 or 8).</summary>
    public int LengthSize { get; }

    /// <summary>Address of the root group's object header.</summary>
    public ulong RootAddress { get; }

    /// <summary>The value with the low <paramref name="size"/> bytes set.</summary>
    public static ulong AllOnes(int size) => size >= 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;

    public static Hdf5Superblock Read(Hdf5File file)
    {
        long at = Find(file.Handle, file.Length);
        if (at < 0) throw file.Damaged("no HDF5 signature");
        Span<byte> buffer = stackalloc byte[MaxSuperblockBytes];
        int read = RandomAccess.Read(file.Handle, buffer, at);
        return Parse(file, buffer[..read], at);
    }

    /// <summary>Where the HDF5 signature is in a file of <paramref name="length"/> bytes (0, 512, 1024, ...), or -1 when nowhere.</summary>
    public static long Find(SafeFileHandle handle, long length)
    {
        Span<byte> signature = stackalloc byte[Signature.Length];
        for (long at = 0; at + Signature.Length <= length; at = at == 0 ? 512 : at * 2)
        {
            if (RandomAccess.Read(handle, signature, at) == Signature.Length && signature.SequenceEqual(Signature)) return at;
        }
        return -1;
    }

    private static Hdf5Superblock Parse(Hdf5File file, ReadOnlySpan<byte> bytes, long at)
    {
        var cursor = new Hdf5Cursor(bytes, file, "superblock");
        cursor.Skip(Signature.Length);
        int version = cursor.U8();
        int offsetSize, lengthSize;
        if (version is 0 or 1)
        {
            cursor.Skip(4); // free-space, root symbol table entry, reserved and shared-header versions
            offsetSize = cursor.U8();
            lengthSize = cursor.U8();
            cursor.Skip(1 + 2 + 2 + 4 + (version == 1 ? 4 : 0)); // reserved, group K values, flags, [indexed storage K]
        }
        else if (version is 2 or 3)
        {
            offsetSize = cursor.U8();
            lengthSize = cursor.U8();
            cursor.Skip(1); // file consistency flags
        }
        else
        {
            throw file.Unsupported($"superblock version {version}");
        }
        if (offsetSize is not (2 or 4 or 8) || lengthSize is not (2 or 4 or 8))
            throw file.Damaged($"superblock gives {offsetSize}-byte addresses and {lengthSize}-byte lengths (expected 2, 4 or 8)");
        // Addresses are read through a provisional superblock, so the cursor knows their size.
        var sizes = new Hdf5Superblock(version, at, offsetSize, lengthSize, UndefinedAddress);
        ulong root = version <= 1 ? RootFromSymbolTableEntry(bytes, cursor.Position, file, sizes) : RootFromV2(bytes, cursor.Position, file, sizes);
        // The library treats the superblock's own position as the base address (files with a user block).
        return new Hdf5Superblock(version, at, offsetSize, lengthSize, root);
    }

    /// <summary>Versions 0 and 1: base, free-space, end-of-file and driver addresses, then the root group's symbol table entry.</summary>
    private static ulong RootFromSymbolTableEntry(ReadOnlySpan<byte> bytes, int position, Hdf5File file, Hdf5Superblock sizes)
    {
        var cursor = new Hdf5Cursor(bytes, file, "superblock");
        cursor.Seek(position);
        cursor.Skip(4 * sizes.OffsetSize);
        cursor.Skip(sizes.OffsetSize); // link name offset of the root entry
        return ReadAddress(ref cursor, sizes);
    }

    /// <summary>Versions 2 and 3: base, extension, end-of-file and root addresses, then a checksum of the whole superblock.</summary>
    private static ulong RootFromV2(ReadOnlySpan<byte> bytes, int position, Hdf5File file, Hdf5Superblock sizes)
    {
        var cursor = new Hdf5Cursor(bytes, file, "superblock");
        cursor.Seek(position);
        cursor.Skip(3 * sizes.OffsetSize);
        ulong root = ReadAddress(ref cursor, sizes);
        cursor.Skip(4);
        if (!Lookup3Checksum.Verify(bytes[..cursor.Position])) throw file.Damaged("superblock fails its checksum");
        return root;
    }

    private static ulong ReadAddress(ref Hdf5Cursor cursor, Hdf5Superblock sizes)
    {
        ulong value = cursor.UInt(sizes.OffsetSize);
        return value == AllOnes(sizes.OffsetSize) ? UndefinedAddress : value;
    }
}
