using Sigah.Core.Data;
using Sigah.Core.Progress;
using Sigah.Evaluation.Bench;
using Sigah.Evaluation.Protocol;
using Sigah.IO;
using Sigah.IO.Data;

namespace Sigah.Evaluation.Tests.Protocol;

public sealed class GroundTruthProtocolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-gt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(2.0, 60000, 1200)]
    [InlineData(2.0, 10, 1)]      // 0.2 rounds to 0, but a query needs at least one neighbour
    [InlineData(2.5, 100, 3)]     // 2.5 rounds away from zero
    [InlineData(100.0, 7, 7)]
    public void Top_percent_counts_round_to_the_nearest_and_stay_within_the_base(double percent, int n, int expected) =>
        Assert.Equal(expected, new GroundTruthDefinition.TopPercent(percent).NeighboursFor(n));

    [Fact]
    public void Top_k_is_capped_by_the_base() => Assert.Equal(5, new GroundTruthDefinition.TopK(100).NeighboursFor(5));

    [Fact]
    public void Random_queries_are_distinct_sorted_and_fixed_by_the_seed()
    {
        var a = new QuerySelection.Random(500, 3).Pick(10000);
        Assert.Equal(500, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, q => Assert.InRange(q, 0, 9999));
        Assert.Equal(a, new QuerySelection.Random(500, 3).Pick(10000));
        Assert.NotEqual(a, new QuerySelection.Random(500, 4).Pick(10000));
        Assert.Equal([0, 1, 2], new QuerySelection.Random(500, 3).Pick(3));
    }

    [Fact]
    public void First_queries_are_a_prefix() => Assert.Equal([0, 1, 2], new QuerySelection.First(3).Pick(10));

    /// <summary>Points on a line: base i at x = i, so the neighbours of a query at x = q.3 are q, q+1, q−1, … .</summary>
    private static (FloatMatrix Base, FloatMatrix Queries) Line() =>
        (new FloatMatrix(50, 1, [.. Enumerable.Range(0, 50).Select(i => (float)i)]), new FloatMatrix(2, 1, [10.3f, 40.3f]));

    [Fact]
    public void Computes_exact_neighbours_once_then_reads_them_from_the_cache()
    {
        var (baseVectors, queries) = Line();
        var definition = new GroundTruthDefinition.TopPercent(6);   // 3 of 50
        var truth = GroundTruthCache.LoadOrCompute(_dir, "line-first2", baseVectors, queries, definition, NullProgress.Instance);
        Assert.Equal([[10, 11, 9], [40, 41, 39]], truth);
        string file = Path.Combine(_dir, "gt-line-first2-50x1-top6pct.npy");
        Assert.True(File.Exists(file));

        // A cache hit returns the file's content: make it recognisably different but still well-formed.
        NeighbourFile.WriteIds(file, [1, 2, 3, 4, 5, 6], 2, 3);
        var cached = GroundTruthCache.LoadOrCompute(_dir, "line-first2", baseVectors, queries, definition, NullProgress.Instance);
        Assert.Equal([[1, 2, 3], [4, 5, 6]], cached);
    }

    [Fact]
    public void A_cache_file_of_the_wrong_shape_is_recomputed()
    {
        var (baseVectors, queries) = Line();
        var definition = new GroundTruthDefinition.TopK(2);
        NeighbourFile.WriteIds(Path.Combine(_dir, "gt-line-50x1-top2.npy"), [1, 2, 3], 1, 3);
        var truth = GroundTruthCache.LoadOrCompute(_dir, "line", baseVectors, queries, definition, NullProgress.Instance);
        Assert.Equal([[10, 11], [40, 41]], truth);
    }

    [Fact]
    public void Shipped_top_k_ground_truth_is_used_when_it_is_deep_enough()
    {
        var (baseVectors, queries) = Line();
        int[][] shipped = [[10, 11, 9, 12], [40, 41, 39, 42]];
        var dataset = new Dataset("line", baseVectors, queries, shipped);

        var problem = BenchSetup.Prepare(dataset, new QuerySelection.First(1), new GroundTruthDefinition.TopK(3), _dir, NullProgress.Instance);
        Assert.Equal([[10, 11, 9]], problem.GroundTruth);
        Assert.Equal("top-3 Euclidean neighbours, first 1 of 2 queries (as shipped with the dataset)", problem.GroundTruthDescription);
        Assert.Empty(Directory.GetFiles(_dir));

        var deeper = BenchSetup.Prepare(dataset, new QuerySelection.First(2), new GroundTruthDefinition.TopK(5), _dir, NullProgress.Instance);
        Assert.Equal([10, 11, 9, 12, 8], deeper.GroundTruth[0]);
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Max_train_draws_a_seeded_subset_of_the_base_to_learn_from()
    {
        var (baseVectors, queries) = Line();
        var dataset = new Dataset("line", baseVectors, queries, [[10], [40]]);
        var problem = BenchSetup.Prepare(dataset, new QuerySelection.First(2), new GroundTruthDefinition.TopK(1), _dir,
            NullProgress.Instance, maxTrain: 7, seed: 5);
        Assert.Same(baseVectors, problem.Base);
        Assert.Equal(SeededSample.Distinct(50, 7, 5).Select(i => (float)i), problem.Training.Data);
        var all = BenchSetup.Prepare(dataset, new QuerySelection.First(2), new GroundTruthDefinition.TopK(1), _dir,
            NullProgress.Instance, maxTrain: 50);
        Assert.Same(baseVectors, all.Training);
    }

    [Fact]
    public void Cache_file_names_are_safe_for_any_dataset_name() =>
        Assert.Equal("gt-my_data_set-first5-50x1-top2.npy",
            GroundTruthCache.FileName("my data/set-first5", Line().Base, new GroundTruthDefinition.TopK(2)));
}
