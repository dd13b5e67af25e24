using System.Text;
using Sigah.Core;

namespace Sigah.IO.Hdf5;

/// <summary>
/// An attribute stored in an object header (message type 0x0C, versions 1 to 3): its name, the class of its datatype
/// and its raw value. Attributes in dense storage (libver='latest' objects with many attributes) are not read.
/// </summary>
internal sealed record Hdf5Attribute(string Name, int TypeClass, byte[] Value)
{
    /// <summary>The class of fixed-length strings.</summary>
    private const int StringClass = 3;

    /// <summary>A fixed-length string attribute's text up to its first NUL, without trailing spaces; null for other types.</summary>
    public string? Text
    {
        get
        {
            if (TypeClass != StringClass) return null;
            int end = Value.AsSpan().IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? Value : Value.AsSpan(0, end)).TrimEnd(' ');
        }
    }

    /// <summary>The attributes in <paramref name="header"/>'s attribute messages, in header order.</summary>
    public static IEnumerable<Hdf5Attribute> All(Hdf5File file, Hdf5ObjectHeader header) =>
        header.Messages.Where(m => m.Type == Hdf5MessageType.Attribute).Select(m => Parse(file, m.Body));

    /// <summary>
    /// Version 1 pads the name, datatype and dataspace to 8 bytes; versions 2 and 3 do not, and version 3 adds the
    /// name's character set. A shared datatype or dataspace (flag bits 0 and 1) gives type class -1 and no value.
    /// </summary>
    private static Hdf5Attribute Parse(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "attribute message");
        int version = cursor.U8();
        if (version is < 1 or > 3) throw file.Damaged($"attribute message has version {version}");
        byte flags = cursor.U8();
        int nameSize = cursor.U16(), datatypeSize = cursor.U16(), dataspaceSize = cursor.U16();
        if (version == 3) cursor.Skip(1);
        var nameBytes = cursor.Bytes(Padded(nameSize, version));
        int nameEnd = nameBytes[..Math.Min(nameSize, nameBytes.Length)].IndexOf((byte)0);
        string name = Encoding.UTF8.GetString(nameBytes[..(nameEnd < 0 ? nameSize : nameEnd)]);
        var datatype = cursor.Bytes(Padded(datatypeSize, version));
        var dataspace = cursor.Bytes(Padded(dataspaceSize, version));
        if ((flags & 0x03) != 0) return new Hdf5Attribute(name, -1, []);
        var typeCursor = new Hdf5Cursor(datatype, file, "attribute datatype");
        int typeClass = typeCursor.U8() & 0x0F;
        typeCursor.Skip(3);
        uint elementSize = typeCursor.U32();
        var (dims, _) = Hdf5Dataspace.Read(file, dataspace);
        UInt128 bytes = elementSize;
        foreach (ulong d in dims) bytes = bytes * d > (ulong)cursor.Remaining ? ulong.MaxValue : bytes * d;
        if (bytes > (ulong)cursor.Remaining) throw file.Damaged($"attribute {UserInputException.Quote(name)} claims more data than its message holds");
        return new Hdf5Attribute(name, typeClass, cursor.Bytes((int)bytes).ToArray());
    }

    private static int Padded(int size, int version) => version == 1 ? (size + 7) / 8 * 8 : size;
}
