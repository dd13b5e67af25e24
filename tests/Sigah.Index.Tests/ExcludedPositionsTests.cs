using Sigah.Core.Codes;
using Sigah.Index.Scan;

namespace Sigah.Index.Tests;

public class ExcludedPositionsTests
{
    [Theory]
    [InlineData(SearchMethod.Linear, 0.1)]
    [InlineData(SearchMethod.Mih, 0.1)]
    [InlineData(SearchMethod.Mih, 0.9)]
    public void Search_skipping_excluded_positions_equals_brute_force_over_the_rest(SearchMethod method, double fraction)
    {
        var rng = new Random(5);
        var codes = TestCodes.Clustered(3000, 64, rng);
        var excluded = new ulong[PositionBits.Words(codes.Count)];
        var kept = new List<int>();
        for (int i = 0; i < codes.Count; i++)
        {
            if (rng.NextDouble() < fraction) PositionBits.Add(excluded, i);
            else kept.Add(i);
        }
        var rest = new PackedCodes(kept.Count, 64, kept.SelectMany(i => codes.Code(i).ToArray()).ToArray());
        var queries = TestCodes.NearCopies(codes, 40, rng);
        var (ids, distances) = TestCodes.BruteForce(rest, queries, 15, kept.Select(i => (long)i).ToArray());

        using var index = HammingIndex.FromCodes(codes);
        var result = index.Search(queries, 15, new SearchOptions(method), excluded);

        Assert.Equal(ids, result.Ids);
        Assert.Equal(distances, result.Distances);
    }

    [Fact]
    public void A_bitmap_shorter_than_the_codes_excludes_none_past_its_end()
    {
        var excluded = new ulong[1];
        PositionBits.Add(excluded, 0);
        using var index = HammingIndex.FromCodes(new PackedCodes(70, 8, Enumerable.Repeat((byte)1, 70).ToArray()));
        var result = index.Search(new PackedCodes(1, 8, [1]), 70, null, excluded);
        Assert.Equal(Enumerable.Range(1, 69).Select(i => (long)i).Append(-1), result.Ids);
    }
}
