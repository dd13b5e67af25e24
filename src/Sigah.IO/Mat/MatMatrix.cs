namespace Sigah.IO.Mat;

/// <summary>
/// A MATLAB matrix as stored: <see cref="Rows"/> × <see cref="Cols"/> elements of <see cref="Type"/> in column-major
/// order (element (i, j) at <c>Offset + (j * Rows + i) * Type.Size</c> of <see cref="Region"/>), in a mapped file or
/// in decompressed bytes. The layout was checked against the region when the matrix was made. Owns the region.
/// </summary>
internal sealed class MatMatrix : IDisposable
{
    public MatMatrix(string name, ByteRegion region, long offset, StoredElementType type, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (offset + (Int128)rows * cols * type.Size > region.Length)
            throw new ArgumentException($"{rows} x {cols} elements of {type} at {offset} exceed the region's {region.Length} bytes", nameof(region));
        Name = name;
        Region = region;
        Offset = offset;
        Type = type;
        Rows = rows;
        Cols = cols;
    }

    /// <summary><c>file.mat:variable</c>, for messages.</summary>
    public string Name { get; }

    public ByteRegion Region { get; }

    /// <summary>Byte position of element (0, 0) in <see cref="Region"/>.</summary>
    public long Offset { get; }

    public StoredElementType Type { get; }

    /// <summary>MATLAB rows.</summary>
    public int Rows { get; }

    /// <summary>MATLAB columns.</summary>
    public int Cols { get; }

    public void Dispose() => Region.Dispose();
}
