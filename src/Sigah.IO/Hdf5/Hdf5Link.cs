using System.Text;

namespace Sigah.IO.Hdf5;

/// <summary>A named link of a group: a hard link to an object header, or a soft or external link (not followed).</summary>
internal readonly record struct Hdf5Link(string Name, ulong Address, bool IsHard)
{
    /// <summary>Parses a link message (type 0x06): version 1, flags, optional type, creation order and charset, name, target.</summary>
    public static Hdf5Link Parse(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "link message");
        int version = cursor.U8();
        if (version != 1) throw file.Damaged($"link message has version {version}");
        byte flags = cursor.U8();
        int type = (flags & 0x08) != 0 ? cursor.U8() : 0;
        if ((flags & 0x04) != 0) cursor.Skip(8); // creation order
        if ((flags & 0x10) != 0) cursor.Skip(1); // character set: ASCII and UTF-8 both decode as UTF-8
        ulong nameLength = cursor.UInt(1 << (flags & 0x03));
        if (nameLength == 0 || nameLength > (ulong)cursor.Remaining) throw file.Damaged("link message has a bad name length");
        string name = Encoding.UTF8.GetString(cursor.Bytes((int)nameLength));
        return type == 0 ? new Hdf5Link(name, cursor.Address(), IsHard: true) : new Hdf5Link(name, Hdf5Superblock.UndefinedAddress, IsHard: false);
    }
}
