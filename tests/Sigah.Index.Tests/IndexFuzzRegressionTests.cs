using System.Buffers.Binary;
using Sigah.Core;
using Sigah.Core.Hamming;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Index.Tests;

/// <summary>
/// Damaged multi-index tables under a checksum recomputed to match (as the fuzzer makes them, fuzz/run.sh index),
/// which once made MIH search index outside its arrays: opening such a file must fail with one line instead.
/// </summary>
public sealed class IndexFuzzRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-fuzzed-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_fuzzed_file_of_format_version_1_is_refused_with_a_request_to_rebuild()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Files", "fuzzed-mih-tables.bin"));
        var e = Assert.Throws<UserInputException>(() => HammingIndex.Open(WithForgedChecksum(bytes)));
        Assert.Equal("x.index: index format version 1 is out of date (this build reads version 2): rebuild it with `sigah index build`", e.Message);
    }

    [Fact]
    public void A_decreasing_directory_under_a_valid_checksum_is_rejected_at_open()
    {
        var (bytes, tables, at) = SavedWithTables(300);
        long directory = at + tables.Shape.DirectoryOffset(1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)directory + 4 * 1), 299);
        var e = Assert.Throws<UserInputException>(() => HammingIndex.Open(WithForgedChecksum(bytes)));
        Assert.Matches(@"^x\.index: corrupted multi-index tables: table 1 prefix [0-9]+ starts before prefix [0-9]+$", e.Message);
    }

    [Fact]
    public void A_posting_past_the_last_code_under_a_valid_checksum_is_rejected_at_open()
    {
        var (bytes, tables, at) = SavedWithTables(300); // 9-bit postings can name codes 300..511
        long postings = at + tables.Shape.PostingsOffset(2);
        bytes[(int)postings] = 0xFF;
        bytes[(int)postings + 1] |= 0x01;
        var e = Assert.Throws<UserInputException>(() => HammingIndex.Open(WithForgedChecksum(bytes)));
        Assert.Equal("x.index: corrupted multi-index tables: table 2 posting 0 names code 511 of 300", e.Message);
    }

    [Fact]
    public void A_directory_that_stops_short_of_the_codes_under_a_valid_checksum_is_rejected_at_open()
    {
        var (bytes, tables, at) = SavedWithTables(300);
        long directory = at + tables.Shape.DirectoryOffset(0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)directory + 4 * (tables.Shape.DirectoryEntries - 1)), 299);
        var e = Assert.Throws<UserInputException>(() => HammingIndex.Open(WithForgedChecksum(bytes)));
        Assert.Equal("x.index: corrupted multi-index tables: table 0 directory does not cover the 300 codes", e.Message);
    }

    /// <summary>
    /// The known limit of the check at open: postings out of key order are not detected (that would take a read of
    /// every code per table). Under a forged checksum they may make answers incomplete, but every answer is a real
    /// code at its real distance: search never reads outside the index.
    /// </summary>
    [Fact]
    public void Postings_out_of_key_order_under_a_valid_checksum_give_only_real_codes_at_their_real_distances()
    {
        var (bytes, tables, at) = SavedWithTables(256); // 8-bit postings: every value names a code
        for (int t = 0; t < tables.Layout.Count; t++) bytes.AsSpan((int)(at + tables.Shape.PostingsOffset(t)), 256).Reverse();
        var codes = TestCodes.Random(256, 64, new Random(6));
        var queries = TestCodes.NearCopies(codes, 10, new Random(7));
        using var index = HammingIndex.Open(WithForgedChecksum(bytes));
        var knn = index.Search(queries, 5, new SearchOptions(SearchMethod.Mih, 1));
        for (int i = 0; i < knn.Ids.Length; i++)
        {
            if (knn.Ids[i] < 0) continue;
            Assert.InRange(knn.Ids[i], 0, 255);
            Assert.Equal(HammingDistance.Between(queries.Code(i / 5), codes.Code((int)knn.Ids[i])), knn.Distances[i]);
        }
        var range = TestCodes.Lists(index.RangeSearch(queries, 3, new SearchOptions(SearchMethod.Mih, 1)));
        for (int q = 0; q < range.Length; q++)
            foreach (var (id, d) in range[q]) Assert.Equal(HammingDistance.Between(queries.Code(q), codes.Code((int)id)), d);
    }

    /// <summary>An index file of <paramref name="count"/> random 64-bit codes with tables, its tables, and where they start in the file.</summary>
    private (byte[] Bytes, MihTables Tables, long At) SavedWithTables(int count)
    {
        var index = HammingIndex.FromCodes(TestCodes.Random(count, 64, new Random(6)));
        index.BuildMihTables(4);
        string path = Path.Combine(_dir, "built.index");
        index.Save(path);
        return (File.ReadAllBytes(path), index.Tables!, 32 + 8L * count + 8L * count);
    }

    private string WithForgedChecksum(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), IndexFile.Checksum(bytes.AsSpan(0, bytes.Length - 8)));
        string path = Path.Combine(_dir, "x.index");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
