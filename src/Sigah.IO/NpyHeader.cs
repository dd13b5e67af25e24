using System.Globalization;
using System.Text;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1, 2 and 3): dtype, shape and where the raw C-order
/// data begins. Parsing checks the header against the file length, so callers can size buffers from it safely.
/// </summary>
internal sealed record NpyHeader(string DType, int[] Shape, long DataOffset)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The dtypes Sigah reads and writes, with their element sizes in bytes.</summary>
    internal static readonly IReadOnlyDictionary<string, int> ElementSizes = new Dictionary<string, int>
    {
        ["<f4"] = 4, ["<f8"] = 8, ["|u1"] = 1, ["<i4"] = 4, ["<i8"] = 8,
    };

    /// <summary>Bytes per element of <see cref="DType"/>.</summary>
    public int ElementSize => ElementSizes[DType];

    /// <summary>Number of elements (product of the shape; 1 for a 0-d array).</summary>
    public long ElementCount => Shape.Aggregate(1L, (p, s) => p * s);

    /// <summary>Bytes of data the header promises.</summary>
    public long DataLength => ElementCount * ElementSize;

    /// <summary>Reads and validates the header of <paramref name="path"/> from <paramref name="stream"/> (at position 0).</summary>
    public static NpyHeader Read(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
            throw UserInputException.ForFile(path, "not a .npy file (bad magic)");
        int major = prefix[6];
        if (major is < 1 or > 3)
            throw UserInputException.ForFile(path, $"unsupported .npy format version {major}.{prefix[7]}");
        long headerLength = major == 1 ? prefix[8] | prefix[9] << 8 : got < 12 ? -1 : BitConverter.ToUInt32(prefix[8..12]);
        int prefixLength = major == 1 ? 10 : 12;
        if (headerLength < 0 || prefixLength + headerLength > fileLength)
            throw UserInputException.ForFile(path, "header is larger than the file");
        var headerBytes = new byte[headerLength];
        stream.Position = prefixLength;
        stream.ReadExactly(headerBytes);
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var header = Parse(text, path) with { DataOffset = prefixLength + headerLength };
        Int128 rowBytes = header.ElementSize;
        for (int i = 1; i < header.Shape.Length; i++) rowBytes *= header.Shape[i];
        long rows = header.Shape.Length == 0 ? 1 : header.Shape[0];
        RowLayoutCheck.Exact(path, fileLength - header.DataOffset, rows, rowBytes, $"shape {FormatShape(header.Shape)} of {header.DType}");
        return header;
    }

    /// <summary>Writes a version 1 header (version 2 if it does not fit), padded so data starts on a 64-byte boundary.</summary>
    public static byte[] Format(string dtype, ReadOnlySpan<int> shape)
    {
        string dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {FormatShape(shape)}, }}";
        foreach (int prefixLength in new[] { 10, 12 })
        {
            int total = (prefixLength + dict.Length + 1 + 63) / 64 * 64;
            int headerLength = total - prefixLength;
            if (prefixLength == 10 && headerLength > ushort.MaxValue) continue;
            var bytes = new byte[total];
            Magic.CopyTo(bytes);
            bytes[6] = (byte)(prefixLength == 10 ? 1 : 2);
            if (prefixLength == 10) BitConverter.TryWriteBytes(bytes.AsSpan(8, 2), (ushort)headerLength);
            else BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), (uint)headerLength);
            string padded = dict.PadRight(headerLength - 1) + "\n";
            Encoding.Latin1.GetBytes(padded, bytes.AsSpan(prefixLength));
            return bytes;
        }
        throw new ArgumentException("shape is too long for a .npy header", nameof(shape));
    }

    /// <summary>numpy's tuple notation: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public static string FormatShape(ReadOnlySpan<int> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape.ToArray()) + ")",
    };

    private static NpyHeader Parse(string text, string path)
    {
        string descr = Field(text, "descr", path).Trim().Trim('\'', '"');
        string fortran = Field(text, "fortran_order", path).Trim();
        string shapeText = Field(text, "shape", path).Trim();
        if (fortran == "True") throw UserInputException.ForFile(path, "Fortran-order arrays are not supported (save with C order)");
        if (fortran != "False") throw UserInputException.ForFile(path, $"malformed header: fortran_order is {UserInputException.Quote(fortran)}");
        // numpy writes '<u1' or '|u1' for uint8 depending on version; both mean the same bytes.
        if (descr is "<u1" or "|u1" or "u1") descr = "|u1";
        if (!ElementSizes.ContainsKey(descr))
            throw UserInputException.ForFile(path, $"unsupported dtype {UserInputException.Quote(descr)} (supported: {string.Join(", ", ElementSizes.Keys)})");
        return new NpyHeader(descr, ParseShape(shapeText, path), 0);
    }

    private static string Field(string text, string key, string path)
    {
        int k = text.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (k < 0) k = text.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        if (k < 0) throw UserInputException.ForFile(path, $"malformed header: no '{key}'");
        int colon = text.IndexOf(':', k);
        if (colon < 0) throw UserInputException.ForFile(path, $"malformed header: no value for '{key}'");
        int start = colon + 1;
        int end = key == "shape" ? text.IndexOf(')', start) + 1 : text.IndexOf(',', start);
        if (end <= 0) throw UserInputException.ForFile(path, $"malformed header: no value for '{key}'");
        return text[start..end];
    }

    private static int[] ParseShape(string text, string path)
    {
        if (!text.StartsWith('(') || !text.EndsWith(')'))
            throw UserInputException.ForFile(path, $"malformed header: shape {UserInputException.Quote(text)}");
        var parts = text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i].TrimEnd('L');
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw UserInputException.ForFile(path, $"malformed header: shape {UserInputException.Quote(text)}");
        }
        // Three dimensions at most keeps every size computation within Int128 (and covers n × h × w images).
        if (shape.Length > 3)
            throw UserInputException.ForFile(path, $"arrays of more than 3 dimensions are not supported, found shape {UserInputException.Quote(text)}");
        return shape;
    }
}
