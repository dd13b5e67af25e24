using System.Buffers.Binary;
using Sigah.IO.Hdf5;

namespace Sigah.Fuzz;

/// <summary>
/// Recomputes the checksums of the HDF5 structures whose extent can be told from their first bytes: the version 2/3
/// superblock, version 2 object headers (<c>OHDR</c>), and the headers of v2 B-trees, fractal heaps, fixed and
/// extensible arrays. Without it nearly every mutation of a libver='latest' file stops at a checksum. Files with
/// 8-byte addresses and lengths (what h5py writes) are assumed; nodes and blocks inside the trees keep their
/// checksums, so mutations there still stop at them.
/// </summary>
internal static class Hdf5ChecksumRepair
{
    private const int AddressSize = 8;

    /// <summary>Header structures and the offset of their checksum, for 8-byte addresses and lengths.</summary>
    private static readonly (byte[] Signature, int ChecksumAt)[] Headers =
    [
        ("BTHD"u8.ToArray(), 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + AddressSize + 2 + AddressSize),
        ("FRHP"u8.ToArray(), 4 + 1 + 2 + 2 + 1 + 4 + 12 * AddressSize + 3 * AddressSize + 2 + 2 + 2 + 2),
        ("FAHD"u8.ToArray(), 4 + 4 + AddressSize + AddressSize),
        ("EAHD"u8.ToArray(), 4 + 1 + 1 + 6 + 6 * AddressSize + AddressSize),
    ];

    public static void Repair(byte[] content)
    {
        if (content.Length >= 48 && content[8] is 2 or 3) Store(content, 0, 44);
        for (int at = 0; at + 4 <= content.Length; at++)
        {
            var rest = content.AsSpan(at);
            if (rest.StartsWith("OHDR"u8)) RepairObjectHeader(content, at);
            foreach (var (signature, checksumAt) in Headers)
                if (rest.StartsWith(signature)) Store(content, at, checksumAt);
        }
    }

    /// <summary>Signature, version, flags, [times], [attribute limits], size of chunk 0, its messages, checksum.</summary>
    private static void RepairObjectHeader(byte[] content, int at)
    {
        if (at + 6 > content.Length) return;
        int flags = content[at + 5];
        int position = at + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 0x03);
        if (position + sizeBytes > content.Length) return;
        ulong size = 0;
        for (int i = sizeBytes - 1; i >= 0; i--) size = size << 8 | content[position + i];
        if (size > (ulong)content.Length) return;
        Store(content, at, position + sizeBytes + (int)size - at);
    }

    /// <summary>Writes the checksum of the <paramref name="length"/> bytes at <paramref name="at"/> right after them, if it fits.</summary>
    private static void Store(byte[] content, int at, int length)
    {
        if ((long)at + length + 4 > content.Length) return;
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(at + length), Lookup3Checksum.Compute(content.AsSpan(at, length)));
    }
}
