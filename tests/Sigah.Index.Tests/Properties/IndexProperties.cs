using CsCheck;
using Sigah.Core.Codes;

namespace Sigah.Index.Tests.Properties;

/// <summary>Properties over random and clustered codes: MIH radius search equals the scan; saving and reopening changes nothing.</summary>
public sealed class IndexProperties
{
    [Fact]
    public void Mih_radius_search_equals_the_linear_scan_for_any_codes_and_radius()
    {
        var gen =
            from bytes in Gen.Int[1, 8]
            from n in Gen.Int[0, 300]
            from clustered in Gen.Bool
            from radius in Gen.Int[0, 10]
            from substrings in Gen.Int[0, 8]
            from seed in Gen.Int
            select (Bits: bytes * 8, n, clustered, radius, substrings, seed);
        gen.Sample(c =>
        {
            var rng = new Random(c.seed);
            var (database, queries) = TestCodes.DatabaseAndQueries(c.n, c.Bits, c.clustered, 5, rng);
            using var index = HammingIndex.FromCodes(database);
            index.BuildMihTables(TestCodes.ValidSubstrings(c.substrings, c.Bits));
            var mih = index.RangeSearch(queries, c.radius, new SearchOptions(SearchMethod.Mih, 1));
            var linear = index.RangeSearch(queries, c.radius, new SearchOptions(SearchMethod.Linear, 1));
            return mih.Offsets.AsSpan().SequenceEqual(linear.Offsets) && mih.Ids.AsSpan().SequenceEqual(linear.Ids)
                && mih.Distances.AsSpan().SequenceEqual(linear.Distances);
        }, iter: 100);
    }

    [Fact]
    public void Saving_then_opening_an_index_keeps_its_ids_codes_and_answers()
    {
        string dir = Directory.CreateTempSubdirectory("sigah-index-prop-").FullName;
        try
        {
            var gen =
                from bytes in Gen.Int[1, 12]
                from n in Gen.Int[0, 200]
                from removed in Gen.Int[0, 50]
                from mih in Gen.Bool
                from seed in Gen.Int
                select (Bits: bytes * 8, n, removed, mih, seed);
            gen.Sample(c =>
            {
                var rng = new Random(c.seed);
                using var index = new HammingIndex(c.Bits);
                index.Add(TestCodes.Random(c.n, c.Bits, rng), Enumerable.Range(0, c.n).Select(i => (long)(i * 3 + 1)).ToArray());
                index.Remove(Enumerable.Range(0, c.removed).Select(_ => (long)rng.Next(3 * c.n + 2)).ToArray());
                if (c.mih) index.BuildMihTables();
                string path = Path.Combine(dir, $"{Guid.NewGuid():N}.index");
                index.Save(path);
                using var opened = HammingIndex.Open(path);
                var queries = TestCodes.Random(4, c.Bits, rng);
                var method = new SearchOptions(c.mih ? SearchMethod.Mih : SearchMethod.Linear, 1);
                var before = index.Search(queries, 7, method);
                var after = opened.Search(queries, 7, method);
                return opened.Ids.SequenceEqual(index.Ids) && opened.Codes.SequenceEqual(index.Codes)
                    && (opened.Tables is null) == !c.mih
                    && after.Ids.AsSpan().SequenceEqual(before.Ids) && after.Distances.AsSpan().SequenceEqual(before.Distances);
            }, iter: 100);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
