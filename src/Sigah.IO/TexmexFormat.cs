using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.IO;

/// <summary>TEXMEX <c>.fvecs</c>/<c>.ivecs</c>/<c>.bvecs</c> files: every row is an int32 dimension, then its elements.</summary>
internal static class TexmexFormat
{
    /// <summary>Opens a memory-mapped source after checking the layout (see <see cref="TexmexLayout.Measure"/>).</summary>
    public static IVectorSource Open(string path, VectorElementType type, VectorReadOptions options)
    {
        long length;
        int rows, dim;
        using (var stream = NpyFile.OpenRead(path))
        {
            length = stream.Length;
            (rows, dim) = TexmexLayout.Measure(stream.SafeFileHandle, path, type.Size());
        }
        return new StridedVectorSource(Path.GetFileName(path), ByteRegion.Map(path, length), 0, dimensionPrefix: true,
            type, rows, dim, options);
    }

    /// <summary>Writes <paramref name="m"/>; integer types require integral values in their range.</summary>
    public static void Write(string path, FloatMatrix m, VectorElementType type)
    {
        if (m.Rows > 0 && m.Cols == 0) throw UserInputException.ForFile(path, "cannot store vectors of dimension 0");
        ElementWriter.CheckRepresentable(path, m, type);
        AtomicFile.Write(path, stream =>
        {
            var row = new byte[4 + m.Cols * type.Size()];
            BitConverter.TryWriteBytes(row, m.Cols);
            for (int r = 0; r < m.Rows; r++)
            {
                ElementWriter.Encode(m.Row(r), type, row.AsSpan(4));
                stream.Write(row);
            }
        });
    }
}
