using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.IO;

/// <summary>big-ann-benchmarks <c>.fbin</c>/<c>.u8bin</c>/<c>.ibin</c> files: int32 rows, int32 dimension, then row-major data.</summary>
internal static class BigAnnFormat
{
    private const int HeaderBytes = 8;

    /// <summary>Opens a memory-mapped source after checking the header against the file length.</summary>
    public static IVectorSource Open(string path, VectorElementType type, VectorReadOptions options)
    {
        long length;
        int rows, dim;
        using (var stream = NpyFile.OpenRead(path))
        {
            length = stream.Length;
            if (length < HeaderBytes) throw UserInputException.ForFile(path, "header is larger than the file");
            Span<byte> header = stackalloc byte[HeaderBytes];
            stream.ReadExactly(header);
            rows = BitConverter.ToInt32(header);
            dim = BitConverter.ToInt32(header[4..]);
        }
        if (rows < 0 || dim < 0 || (dim == 0 && rows > 0))
            throw UserInputException.ForFile(path, $"invalid header: {rows} rows of dimension {dim}");
        RowLayoutCheck.Exact(path, length - HeaderBytes, rows, (Int128)dim * type.Size(), $"header says {rows} rows of dimension {dim}");
        return new StridedVectorSource(Path.GetFileName(path), ByteRegion.Map(path, length), HeaderBytes, dimensionPrefix: false,
            type, rows, dim, options);
    }

    /// <summary>Writes <paramref name="m"/>; integer types require integral values in their range.</summary>
    public static void Write(string path, FloatMatrix m, VectorElementType type)
    {
        ElementWriter.CheckRepresentable(path, m, type);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            BitConverter.TryWriteBytes(header, m.Rows);
            BitConverter.TryWriteBytes(header[4..], m.Cols);
            stream.Write(header);
            var row = new byte[m.Cols * type.Size()];
            for (int r = 0; r < m.Rows; r++)
            {
                ElementWriter.Encode(m.Row(r), type, row);
                stream.Write(row);
            }
        });
    }
}
