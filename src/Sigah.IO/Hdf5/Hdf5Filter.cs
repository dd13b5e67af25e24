using System.Text;
using Sigah.Core;

namespace Sigah.IO.Hdf5;

/// <summary>One filter of a dataset's pipeline (message type 0x0B): its id, name and parameters.</summary>
internal readonly record struct Hdf5Filter(int Id, string Name, uint[] Parameters)
{
    public const int Deflate = 1;
    public const int Shuffle = 2;
    public const int Fletcher32 = 3;

    /// <summary>The filters in the order they were applied when writing (reading undoes them last to first).</summary>
    public static Hdf5Filter[] ParsePipeline(Hdf5File file, ReadOnlySpan<byte> body)
    {
        var cursor = new Hdf5Cursor(body, file, "filter pipeline message");
        int version = cursor.U8();
        int count = cursor.U8();
        if (version == 1) cursor.Skip(6);
        else if (version != 2) throw file.Damaged($"filter pipeline message has version {version}");
        var filters = new Hdf5Filter[count];
        for (int f = 0; f < count; f++)
        {
            int id = cursor.U16();
            int nameLength = version == 1 || id >= 256 ? cursor.U16() : 0;
            cursor.Skip(2); // flags: an optional filter that was skipped shows in the chunk's filter mask
            int valueCount = cursor.U16();
            // Version 1 pads the name to a multiple of 8 bytes and the values to an even count.
            int nameBytes = version == 1 ? (nameLength + 7) & ~7 : nameLength;
            var name = cursor.Bytes(nameBytes);
            int end = name.IndexOf((byte)0);
            var values = new uint[valueCount];
            for (int i = 0; i < valueCount; i++) values[i] = cursor.U32();
            if (version == 1 && valueCount % 2 == 1) cursor.Skip(4);
            filters[f] = new Hdf5Filter(id, Encoding.ASCII.GetString(end < 0 ? name : name[..end]), values);
            if (id is not (Deflate or Shuffle or Fletcher32)) throw file.Unsupported($"filter {Describe(id, filters[f].Name)}");
        }
        return filters;
    }

    private static string Describe(int id, string name) => id switch
    {
        4 => "4 (szip)",
        5 => "5 (n-bit)",
        6 => "6 (scale-offset)",
        _ => name.Length > 0 ? $"{id} ({UserInputException.Quote(name)})" : $"{id}",
    };
}
