using Sigah.Core.Hamming;

namespace Sigah.Index.Tests;

public class LinearScanTests
{
    public static TheoryData<int, int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (int bits in new[] { 8, 24, 64, 128, 200, 256, 512, 1024 })
            foreach (var (n, nq, k) in new[] { (0, 3, 4), (1, 2, 3), (17, 5, 1), (100, 40, 10), (333, 70, 400) })
                data.Add(bits, n, nq, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_codes_match_brute_force_on_every_path_and_thread_count(int bits, int n, int nq, int k)
    {
        var rng = new Random(bits * 1000 + n);
        var database = TestCodes.Random(n, bits, rng);
        var queries = TestCodes.Random(nq, bits, rng);
        var (ids, distances) = TestCodes.BruteForce(database, queries, k);
        foreach (var path in new[] { HammingKernelPath.Scalar, HammingKernelPath.Best })
            foreach (int threads in new[] { 1, 2, 3 })
            {
                var result = LinearScan.Search(database, queries, k, threads, path);
                Assert.Equal(ids, result.Ids);
                Assert.Equal(distances, result.Distances);
            }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(96)]
    public void Clustered_codes_with_duplicates_break_ties_by_smaller_id(int bits)
    {
        var rng = new Random(bits);
        // Enough codes that a few queries split the database across threads (parts merged afterwards).
        var database = TestCodes.Clustered(40_000, bits, rng, centres: 3);
        var queries = TestCodes.NearCopies(database, 3, rng);
        var (ids, distances) = TestCodes.BruteForce(database, queries, 50);
        foreach (int threads in new[] { 1, 2 })
        {
            var result = LinearScan.Search(database, queries, 50, threads);
            Assert.Equal(ids, result.Ids);
            Assert.Equal(distances, result.Distances);
        }
    }

    [Fact]
    public void Radius_search_finds_exactly_the_codes_within_the_radius()
    {
        var rng = new Random(3);
        var database = TestCodes.Clustered(2000, 64, rng);
        var queries = TestCodes.NearCopies(database, 9, rng);
        foreach (int radius in new[] { 0, 2, 5, 64 })
            Assert.Equal(TestCodes.BruteForceRadius(database, queries, radius), TestCodes.Lists(LinearScan.RangeSearch(database, queries, radius, 2)));
    }

    [Fact]
    public void Rejects_mismatched_widths_and_bad_k()
    {
        var rng = new Random(1);
        var database = TestCodes.Random(10, 64, rng);
        Assert.Throws<ArgumentException>("queries", () => LinearScan.Search(database, TestCodes.Random(1, 128, rng), 1));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => LinearScan.Search(database, TestCodes.Random(1, 64, rng), 0));
        Assert.Throws<ArgumentOutOfRangeException>("radius", () => LinearScan.RangeSearch(database, TestCodes.Random(1, 64, rng), -1));
    }
}
