using System.Buffers.Binary;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Damaged and hostile MAT-files, made byte by byte: each is rejected at once with one line naming the file and the
/// problem, allocating little whatever sizes its header claims.
/// </summary>
public sealed class MatDamageTests : IDisposable
{
    private const long Allowance = 4 << 20;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Error(byte[][] elements, string spec = "x.mat")
    {
        MatBytes.Write(_dir.File("x.mat"), elements);
        string path = _dir.File(spec);
        Assert.Throws<UserInputException>(() => VectorFile.Read(path));
        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = Assert.Throws<UserInputException>(() => VectorFile.Read(path)).Message;
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Allowance);
        return message;
    }

    [Fact]
    public void A_hand_made_file_reads_as_its_matrix()
    {
        MatBytes.Write(_dir.File("x.mat"), MatBytes.Matrix("a", [2, 3], [1, 2, 3, 4, 5, 6]), MatBytes.Compressed(MatBytes.Matrix("b", [1, 2], [7, 8])));
        Assert.Equal([1f, 3, 5, 2, 4, 6], VectorFile.Read(_dir.File("x.mat") + ":a").Data);
        Assert.Equal([7f, 8], VectorFile.Read(_dir.File("x.mat") + ":b").Data);
    }

    [Fact]
    public void An_element_beyond_the_end_of_the_file() =>
        Assert.Equal("x.mat: not a valid MAT-file (element at byte 128 claims 4000000000 bytes, beyond the file's end (200 bytes))",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [1, 1], "a", MatBytes.Double, new byte[8]), claimedSize: unchecked((int)4_000_000_000))]));

    [Fact]
    public void A_truncated_tag_after_the_last_element() =>
        Assert.Equal("x.mat: not a valid MAT-file (element at byte 200 is truncated)",
            Error([MatBytes.Matrix("a", [1, 1], [1]), [1, 2, 3]]));

    [Fact]
    public void A_top_level_element_that_is_not_a_matrix() =>
        Assert.Equal("x.mat: not a valid MAT-file (element at byte 128 has type 9, not a matrix (14) or a compressed matrix (15))",
            Error([MatBytes.Element(MatBytes.Double, new byte[8])]));

    [Fact]
    public void Huge_declared_dimensions_over_a_few_bytes_of_values() =>
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 ('a') holds 8 bytes of values for 2147483647 x 2147483647 elements of float64)",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [int.MaxValue, int.MaxValue], "a", MatBytes.Double, new byte[8]))]));

    [Fact]
    public void No_rows_of_a_dimension_too_wide_to_convert() =>
        Assert.Equal("x.mat:a: dimension 1073741824 is more than Sigah supports",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [0, 1 << 30], "a", MatBytes.Double, []))]));

    [Fact]
    public void Billions_of_rows_of_dimension_zero() =>
        Assert.Equal("x.mat: 2147483647 rows of dimension 0",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [int.MaxValue, 0], "a", MatBytes.Double, []))]));

    [Fact]
    public void Values_claiming_more_bytes_than_their_array_holds() =>
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 ('a') has an element of 800 bytes where 8 are left)",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [10, 10], "a", MatBytes.Double, new byte[8], claimedValueBytes: 800))]));

    [Fact]
    public void Negative_dimensions() =>
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 has dimension 1 of size -4)",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [1, -4], "a", MatBytes.Double, new byte[8]))]));

    [Fact]
    public void Values_of_a_type_that_is_not_numeric() =>
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 ('a') stores its values as type 16, not numbers)",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.MatrixContent(6, [1, 1], "a", 16, new byte[8]))]));

    [Fact]
    public void A_matrix_without_array_flags() =>
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 does not start with array flags)",
            Error([MatBytes.Element(MatBytes.MatrixType, MatBytes.Element(MatBytes.Int32, new byte[8]))]));

    [Fact]
    public void A_small_data_element_of_more_than_four_bytes()
    {
        var content = MatBytes.MatrixContent(6, [1, 1], "a", MatBytes.Double, new byte[8]);
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(32), 9u << 16 | 1); // the name's tag, as a 9-byte small element
        Assert.Equal("x.mat: not a valid MAT-file (variable at byte 128 has a small data element of 9 bytes (at most 4))",
            Error([MatBytes.Element(MatBytes.MatrixType, content)]));
    }

    [Fact]
    public void Corrupt_zlib_data()
    {
        var compressed = MatBytes.Compressed(MatBytes.Matrix("a", [2, 2], [1, 2, 3, 4]));
        for (int i = 10; i < compressed.Length; i++) compressed[i] ^= 0x5A;
        Assert.Equal("x.mat: not a valid MAT-file (compressed variable at byte 128 has corrupt zlib data)", Error([compressed]));
    }

    [Fact]
    public void A_compressed_matrix_claiming_two_gigabytes_is_rejected_as_its_stream_ends()
    {
        var matrix = MatBytes.Matrix("a", [20000, 20000], [1, 2, 3]);
        BinaryPrimitives.WriteInt32LittleEndian(matrix.AsSpan(4), 2_000_000_000);
        Assert.Equal("x.mat: not a valid MAT-file (compressed variable at byte 128 ends after 88 of its 2000000008 bytes)",
            Error([MatBytes.Compressed(matrix)]));
        BinaryPrimitives.WriteInt32LittleEndian(matrix.AsSpan(4), int.MaxValue);
        Assert.Equal("x.mat: not a valid MAT-file (compressed variable at byte 128 claims 2147483647 bytes)",
            Error([MatBytes.Compressed(matrix)]));
    }

    [Fact]
    public void A_compressed_element_holding_something_else() =>
        Assert.Equal("x.mat: not a valid MAT-file (compressed variable at byte 128 holds an element of type 9, not a matrix (14))",
            Error([MatBytes.Compressed(MatBytes.Element(MatBytes.Double, new byte[8]))]));

    [Fact]
    public void A_compressed_element_of_a_few_bytes() =>
        Assert.Equal("x.mat: not a valid MAT-file (compressed variable at byte 128 holds fewer than 8 bytes)",
            Error([MatBytes.Compressed([14, 0, 0])]));
}
