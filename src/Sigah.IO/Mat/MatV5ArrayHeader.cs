using System.Text;

namespace Sigah.IO.Mat;

/// <summary>
/// The start of a v5 miMATRIX element's content, common to every class: array flags (miUINT32: the class number in
/// bits 0–7, complex 0x0800, global 0x0400, logical 0x0200), dimensions (miINT32, at least two, MATLAB order) and the
/// name (miINT8). <see cref="DataPosition"/> is where the class's own elements (a numeric array's real part) begin.
/// </summary>
internal sealed record MatV5ArrayHeader(int ClassId, bool Complex, ulong[] Dims, string Name, int DataPosition)
{
    private const uint ComplexFlag = 0x0800;

    /// <summary>Parses the header at the start of <paramref name="content"/>; <paramref name="what"/> names the array in errors.</summary>
    public static MatV5ArrayHeader Parse(ReadOnlySpan<byte> content, MatV5File file, string what)
    {
        var cursor = new MatV5Cursor(content, file, what);
        var flags = cursor.Next();
        if (flags.Type != MatDataType.UInt32 || flags.Size != 8) throw file.Damaged($"{what} does not start with array flags");
        uint word = file.U32(cursor.Data(flags));
        var dims = cursor.Next();
        if (dims.Type != MatDataType.Int32 || dims.Size % 4 != 0 || dims.Size < 8)
            throw file.Damaged($"{what} has no dimensions (an miINT32 element of at least 2 values)");
        var shape = new ulong[dims.Size / 4];
        var dimBytes = cursor.Data(dims);
        for (int i = 0; i < shape.Length; i++)
        {
            int d = (int)file.U32(dimBytes[(4 * i)..]);
            if (d < 0) throw file.Damaged($"{what} has dimension {i} of size {d}");
            shape[i] = (ulong)d;
        }
        var name = cursor.Next();
        if (name.Type is not (MatDataType.Int8 or MatDataType.UInt8)) throw file.Damaged($"{what} has no name (an miINT8 element)");
        return new MatV5ArrayHeader((int)(word & 0xFF), (word & ComplexFlag) != 0, shape, Encoding.UTF8.GetString(cursor.Data(name)), cursor.Position);
    }

    /// <summary>Why the array cannot be read as a matrix, or null when it is a real numeric 2-D array.</summary>
    public string? Problem => MatClass.Problem(ClassId) ?? (Complex ? "is complex" : null) ?? MatVariable.ShapeProblem(Dims);
}
