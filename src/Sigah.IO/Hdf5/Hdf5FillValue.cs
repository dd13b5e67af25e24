namespace Sigah.IO.Hdf5;

/// <summary>
/// The value of elements never written (chunks never allocated): the fill value message (type 0x05, versions 1
/// to 3) or the old one (type 0x04); zeros when neither defines a value, as HDF5 reads them.
/// </summary>
internal static class Hdf5FillValue
{
    /// <summary>One element's bytes (<paramref name="elementSize"/> of them) to use for unwritten elements.</summary>
    public static byte[] Read(Hdf5File file, Hdf5ObjectHeader header, int elementSize)
    {
        byte[]? value = null;
        if (header.Find(Hdf5MessageType.FillValue) is { } message) value = Current(file, message.Body);
        else if (header.Find(Hdf5MessageType.FillValueOld) is { } old) value = Old(file, old.Body);
        if (value is null || value.Length == 0) return new byte[elementSize];
        if (value.Length != elementSize) throw file.Damaged($"fill value of {value.Length} bytes for {elementSize}-byte elements");
        return value;
    }

    private static byte[]? Current(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "fill value message");
        int version = cursor.U8();
        bool defined;
        switch (version)
        {
            case 1:
            case 2:
                cursor.Skip(2); // allocation and write times
                defined = cursor.U8() != 0;
                // Version 1 always stores a size (and value); version 2 only when defined.
                if (version == 2 && !defined) return null;
                break;
            case 3:
                defined = (cursor.U8() & 0x20) != 0;
                if (!defined) return null;
                break;
            default:
                throw file.Damaged($"fill value message has version {version}");
        }
        int size = (int)Math.Min(cursor.U32(), int.MaxValue);
        byte[] value = cursor.Bytes(size).ToArray();
        return defined ? value : null;
    }

    private static byte[] Old(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "fill value message");
        int size = (int)Math.Min(cursor.U32(), int.MaxValue);
        return cursor.Bytes(size).ToArray();
    }
}
