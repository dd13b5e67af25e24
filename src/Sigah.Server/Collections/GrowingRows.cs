namespace Sigah.Server.Collections;

/// <summary>
/// The storage behind the newest segment: rows in arrival order, appended in place. Only the collection's writer
/// touches it; readers see it through <see cref="GrowingSegment"/> views, each of which reads only the rows that
/// existed when it was made (appends write past them, and a full array is copied, never changed in place).
/// </summary>
internal sealed class GrowingRows(int bytesPerCode, int dimension)
{
    private const int InitialCapacity = 256;

    /// <summary>Bytes per code.</summary>
    public int BytesPerCode { get; } = bytesPerCode;

    /// <summary>Floats per vector (0 when vectors are not kept).</summary>
    public int Dimension { get; } = dimension;

    /// <summary>Id of each row.</summary>
    public long[] Ids { get; private set; } = new long[InitialCapacity];

    /// <summary>Codes of the rows.</summary>
    public byte[] Codes { get; private set; } = new byte[InitialCapacity * bytesPerCode];

    /// <summary>Vectors of the rows, or null.</summary>
    public float[]? Vectors { get; private set; } = dimension > 0 ? new float[InitialCapacity * dimension] : null;

    /// <summary>Rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>Row of each live id (the writer's lookup).</summary>
    public Dictionary<long, int> Rows { get; } = [];

    /// <summary>True once the segment takes no more rows (it waits to be sealed).</summary>
    public bool Frozen { get; set; }

    /// <summary>Appends a row and returns its number.</summary>
    public int Append(long id, ReadOnlySpan<byte> code, ReadOnlySpan<float> vector)
    {
        if (Count == Ids.Length) Grow();
        int row = Count++;
        Ids[row] = id;
        code.CopyTo(Codes.AsSpan(row * BytesPerCode));
        if (Vectors is not null) vector.CopyTo(Vectors.AsSpan(row * Dimension));
        Rows[id] = row;
        return row;
    }

    private void Grow()
    {
        int capacity = Ids.Length * 2;
        var ids = new long[capacity];
        Ids.CopyTo(ids, 0);
        var codes = new byte[capacity * BytesPerCode];
        Codes.CopyTo(codes, 0);
        if (Vectors is not null)
        {
            var vectors = new float[(long)capacity * Dimension];
            Vectors.CopyTo(vectors, 0);
            Vectors = vectors;
        }
        Ids = ids;
        Codes = codes;
    }
}
