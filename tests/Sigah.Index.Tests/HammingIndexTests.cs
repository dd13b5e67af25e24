using Sigah.Core.Codes;

namespace Sigah.Index.Tests;

public class HammingIndexTests
{
    [Fact]
    public void User_ids_come_back_and_ties_go_to_the_smaller_id()
    {
        var codes = new PackedCodes(4, 8, [0b0000_0001, 0b0000_0001, 0b0000_0011, 0b1111_1111]);
        var index = new HammingIndex(8);
        index.Add(codes, [70, 30, 50, 10]);
        var query = new PackedCodes(1, 8, [0b0000_0001]);
        foreach (var method in new[] { SearchMethod.Linear, SearchMethod.Mih })
        {
            var result = index.Search(query, 6, new SearchOptions(method));
            Assert.Equal(new long[] { 30, 70, 50, 10, -1, -1 }, result.Ids);
            Assert.Equal(new[] { 0, 0, 1, 7, -1, -1 }, result.Distances);
        }
    }

    [Fact]
    public void Add_keeps_ids_ordered_and_equals_brute_force_over_user_ids()
    {
        var rng = new Random(11);
        var first = TestCodes.Clustered(300, 64, rng);
        var second = TestCodes.Clustered(200, 64, rng);
        var firstIds = Enumerable.Range(0, 300).Select(i => (long)(i * 7 % 1000) * 2).ToArray();
        var secondIds = Enumerable.Range(0, 200).Select(i => (long)(i * 13 % 1000) * 2 + 1).ToArray();
        var index = new HammingIndex(64);
        index.Add(first, firstIds);
        index.Add(second, secondIds);
        Assert.True(index.Ids.ToArray().SequenceEqual(firstIds.Concat(secondIds).Order()));

        var all = new PackedCodes(500, 64, first.Data.Concat(second.Data).ToArray());
        var queries = TestCodes.NearCopies(all, 10, rng);
        var (ids, distances) = TestCodes.BruteForce(all, queries, 25, firstIds.Concat(secondIds).ToArray());
        foreach (var method in new[] { SearchMethod.Linear, SearchMethod.Mih })
        {
            var result = index.Search(queries, 25, new SearchOptions(method));
            Assert.Equal(ids, result.Ids);
            Assert.Equal(distances, result.Distances);
        }
    }

    [Fact]
    public void Add_without_ids_continues_after_the_largest()
    {
        var index = new HammingIndex(16);
        index.Add(new PackedCodes(2, 16), [5, 9]);
        index.Add(new PackedCodes(3, 16));
        Assert.Equal(new long[] { 5, 9, 10, 11, 12 }, index.Ids.ToArray());
    }

    [Fact]
    public void Remove_skips_unknown_ids_and_reset_empties()
    {
        var rng = new Random(2);
        var codes = TestCodes.Random(6, 32, rng);
        var index = HammingIndex.FromCodes(codes);
        index.BuildMihTables();
        Assert.Equal(2, index.Remove([4, 1, 99, -5]));
        Assert.Null(index.Tables);
        Assert.Equal(new long[] { 0, 2, 3, 5 }, index.Ids.ToArray());
        Assert.True(index.Codes.Slice(4, 4).SequenceEqual(codes.Code(2)));
        Assert.Equal(0, index.Remove([4]));
        var kept = new PackedCodes(4, 32, new[] { 0, 2, 3, 5 }.SelectMany(i => codes.Code(i).ToArray()).ToArray());
        Assert.Equal(TestCodes.BruteForce(kept, codes, 3, [0, 2, 3, 5]).Ids, index.Search(codes, 3).Ids);
        index.Reset();
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Empty_index_pads_with_minus_one()
    {
        var index = new HammingIndex(64);
        var queries = TestCodes.Random(2, 64, new Random(1));
        foreach (var method in new[] { SearchMethod.Linear, SearchMethod.Mih })
        {
            var result = index.Search(queries, 3, new SearchOptions(method));
            Assert.All(result.Ids, id => Assert.Equal(-1, id));
            Assert.All(result.Distances, d => Assert.Equal(-1, d));
            Assert.Equal(new long[] { 0, 0, 0 }, index.RangeSearch(queries, 64, new SearchOptions(method)).Offsets);
        }
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var index = new HammingIndex(64);
        index.Add(new PackedCodes(2, 64), [1, 2]);
        var message = Assert.Throws<ArgumentException>("queries", () => index.Search(new PackedCodes(1, 128), 1)).Message;
        Assert.StartsWith("codes have 128 bits, the index holds 64-bit codes", message);
        Assert.Throws<ArgumentOutOfRangeException>("k", () => index.Search(new PackedCodes(1, 64), 0));
        Assert.Throws<ArgumentException>("codes", () => index.Add(new PackedCodes(1, 32), [3]));
        Assert.StartsWith("id 2 is already in the index", Assert.Throws<ArgumentException>("ids", () => index.Add(new PackedCodes(1, 64), [2])).Message);
        Assert.StartsWith("id 5 is given twice", Assert.Throws<ArgumentException>("ids", () => index.Add(new PackedCodes(2, 64), [5, 5])).Message);
        Assert.StartsWith("id -1 is negative", Assert.Throws<ArgumentException>("ids", () => index.Add(new PackedCodes(1, 64), [-1])).Message);
        Assert.Equal(2, index.Count);
    }
}
