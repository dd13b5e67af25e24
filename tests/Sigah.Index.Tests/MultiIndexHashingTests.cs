using CsCheck;
using Sigah.Core.Codes;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Index.Tests;

public class MultiIndexHashingTests
{
    private static readonly SearchOptions Mih = new(SearchMethod.Mih, 2);
    private static readonly SearchOptions Linear = new(SearchMethod.Linear, 2);

    public static TheoryData<int, int, bool, int> Cases()
    {
        var data = new TheoryData<int, int, bool, int>();
        foreach (int bits in new[] { 8, 32, 64, 72, 128, 256 })
            foreach (int n in new[] { 0, 1, 2, 7, 50, 1024, 3000 })
                foreach (bool clustered in new[] { false, true })
                    data.Add(bits, n, clustered, 0);
        data.Add(64, 3000, true, 3);
        data.Add(64, 3000, true, 8);
        data.Add(128, 3000, false, 16);
        data.Add(56, 3000, true, 1); // one 56-bit substring: the longest key
        data.Add(64, 3000, true, 2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Knn_equals_linear_scan_and_brute_force(int bits, int n, bool clustered, int substrings)
    {
        var rng = new Random(bits + n);
        var (database, queries) = TestCodes.DatabaseAndQueries(n, bits, clustered, 20, rng);
        using var index = HammingIndex.FromCodes(database);
        index.BuildMihTables(substrings);
        foreach (int k in new[] { 1, 7, 100, n + 3 })
        {
            var (ids, distances) = TestCodes.BruteForce(database, queries, k);
            var mih = index.Search(queries, k, Mih);
            var linear = index.Search(queries, k, Linear);
            Assert.Equal(ids, mih.Ids);
            Assert.Equal(distances, mih.Distances);
            Assert.Equal(linear.Ids, mih.Ids);
        }
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(64, true)]
    [InlineData(40, true)]
    public void Radius_search_equals_linear_scan(int bits, bool clustered)
    {
        var rng = new Random(bits);
        var database = clustered ? TestCodes.Clustered(3000, bits, rng) : TestCodes.Random(3000, bits, rng);
        var queries = TestCodes.NearCopies(database, 15, rng);
        using var index = HammingIndex.FromCodes(database);
        foreach (int radius in new[] { 0, 1, 3, 6, 13, bits })
        {
            var expected = TestCodes.BruteForceRadius(database, queries, radius);
            Assert.Equal(expected, TestCodes.Lists(index.RangeSearch(queries, radius, Mih)));
            Assert.Equal(expected, TestCodes.Lists(index.RangeSearch(queries, radius, Linear)));
        }
    }

    [Theory]
    [InlineData(16, 4, 4)] // a directory entry per key
    [InlineData(24, 5, 3)] // keys of 5 and 4 bits from 3-byte codes
    [InlineData(64, 4, 2)] // long directory ranges, binary-searched
    [InlineData(72, 3, 9)]
    public void TablesOfAnExplicitShapeSearchLikeBruteForceAfterASaveAndOpen(int bits, int substrings, int prefixBits)
    {
        var rng = new Random(bits * substrings + prefixBits);
        var (database, queries) = TestCodes.DatabaseAndQueries(500, bits, true, 20, rng);
        var built = HammingIndex.FromCodes(database);
        var shape = new MihTableShape(new SubstringLayout(bits, substrings), database.Count, prefixBits);
        built.BuildMihTables(shape);
        Assert.Same(shape, built.Tables!.Shape);
        string dir = Directory.CreateTempSubdirectory("sigah-mih-shape-").FullName;
        try
        {
            built.Save(Path.Combine(dir, "shaped.index"));
            using var index = HammingIndex.Open(Path.Combine(dir, "shaped.index"));
            Assert.Equal(prefixBits, index.Tables!.Shape.PrefixBits);
            var (ids, distances) = TestCodes.BruteForce(database, queries, 10);
            var mih = index.Search(queries, 10, Mih);
            Assert.Equal(ids, mih.Ids);
            Assert.Equal(distances, mih.Distances);
            Assert.Equal(TestCodes.BruteForceRadius(database, queries, 5), TestCodes.Lists(index.RangeSearch(queries, 5, Mih)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_shape_for_other_codes_is_refused()
    {
        using var index = HammingIndex.FromCodes(TestCodes.Random(10, 64, new Random(1)));
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => index.BuildMihTables(MihTableShape.Default(64, 11))).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => index.BuildMihTables(MihTableShape.Default(32, 10))).ParamName);
    }

    [Fact]
    public void Mih_equals_linear_scan_for_any_codes_substrings_and_k()
    {
        var gen =
            from bytes in Gen.Int[1, 20]
            from n in Gen.Int[0, 400]
            from clustered in Gen.Bool
            from k in Gen.Int[1, 450]
            from substrings in Gen.Int[0, 8]
            from seed in Gen.Int
            select (Bits: bytes * 8, n, clustered, k, substrings, seed);
        gen.Sample(c =>
        {
            var rng = new Random(c.seed);
            var (database, queries) = TestCodes.DatabaseAndQueries(c.n, c.Bits, c.clustered, 6, rng);
            using var index = HammingIndex.FromCodes(database);
            int m = TestCodes.ValidSubstrings(c.substrings, c.Bits);
            index.BuildMihTables(m);
            var mih = index.Search(queries, c.k, new SearchOptions(SearchMethod.Mih, 1));
            var linear = index.Search(queries, c.k, new SearchOptions(SearchMethod.Linear, 1));
            return mih.Ids.AsSpan().SequenceEqual(linear.Ids) && mih.Distances.AsSpan().SequenceEqual(linear.Distances);
        }, iter: 100);
    }

    [Fact]
    public void Substrings_cover_the_code_and_extract_their_bits()
    {
        var layout = new SubstringLayout(72, 5);
        Assert.Equal(new[] { 15, 15, 14, 14, 14 }, Enumerable.Range(0, 5).Select(layout.Length));
        var code = new PackedCodes(1, 72);
        code.Code(0)[1] = 0b1000_0000; // bit 15: the first bit of substring 1
        code.Code(0)[8] = 0b1000_0000; // bit 71: the last bit of substring 4
        Assert.Equal(new ulong[] { 0, 1, 0, 0, 1u << 13 }, Enumerable.Range(0, 5).Select(i => layout.Extract(code.Code(0), i)));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public void One_huge_bucket_of_duplicates_among_few_others_equals_brute_force(int bits)
    {
        // 4000 copies of one code and 37 near it or random: one bucket per table holds nearly every posting, so
        // its directory range is binary searched and the bucket read to its end.
        var rng = new Random(bits * 3);
        var database = new PackedCodes(4037, bits);
        var copy = TestCodes.Random(1, bits, rng);
        for (int i = 0; i < 4000; i++) copy.Code(0).CopyTo(database.Code(i * 4037 / 4000));
        for (int i = 0; i < 4037; i++)
        {
            if (database.Code(i).SequenceEqual(copy.Code(0))) continue;
            if (i % 2 == 0) rng.NextBytes(database.Code(i));
            else
            {
                copy.Code(0).CopyTo(database.Code(i));
                database.Code(i)[rng.Next(bits / 8)] ^= (byte)(1 << rng.Next(8));
            }
        }
        var queries = new PackedCodes(3, bits);
        copy.Code(0).CopyTo(queries.Code(0));
        TestCodes.NearCopies(database, 1, rng).Code(0).CopyTo(queries.Code(1));
        rng.NextBytes(queries.Code(2));
        using var index = HammingIndex.FromCodes(database);
        index.BuildMihTables();
        foreach (int k in new[] { 1, 10, 4001, 4100 })
        {
            var (ids, distances) = TestCodes.BruteForce(database, queries, k);
            var mih = index.Search(queries, k, Mih);
            Assert.Equal(ids, mih.Ids);
            Assert.Equal(distances, mih.Distances);
        }
        foreach (int radius in new[] { 0, 1, 4 })
            Assert.Equal(TestCodes.BruteForceRadius(database, queries, radius), TestCodes.Lists(index.RangeSearch(queries, radius, Mih)));
    }

    [Theory]
    [InlineData(16, 5000)]
    [InlineData(48, 2000)]
    [InlineData(64, 20_000)]
    public void Sparse_tables_with_mostly_empty_buckets_equal_brute_force(int bits, int n)
    {
        // Random codes against long substrings (one 48-bit substring at 48 bits): almost every probe finds an
        // empty bucket or a short range; queries near codes keep the search in the tables.
        var rng = new Random(bits + n);
        var database = TestCodes.Random(n, bits, rng);
        var queries = TestCodes.NearCopies(database, 10, rng);
        using var index = HammingIndex.FromCodes(database);
        index.BuildMihTables();
        foreach (int k in new[] { 1, 5 })
        {
            var (ids, distances) = TestCodes.BruteForce(database, queries, k);
            var mih = index.Search(queries, k, Mih);
            Assert.Equal(ids, mih.Ids);
            Assert.Equal(distances, mih.Distances);
        }
    }
}
