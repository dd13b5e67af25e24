using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Core.Knn;
using Sigah.Core.Progress;

namespace Sigah.Core.Tests.Knn;

public class ExactKnnTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(7, 3, 5, 3)]
    [InlineData(300, 97, 13, 10)]
    [InlineData(5000, 3, 4, 50)]
    [InlineData(2000, 130, 9, 100)]
    [InlineData(20, 4, 3, 25)]
    public void Equals_a_double_precision_brute_force_reference(int nb, int d, int nq, int k)
    {
        var rng = new Random(nb * 31 + d);
        var b = RandomMatrix(rng, nb, d, integers: false);
        var q = RandomMatrix(rng, nq, d, integers: false);
        AssertMatchesReference(b, q, k, ExactKnn.Search(b, q, k));
    }

    [Fact]
    public void Exact_ties_are_broken_by_the_smaller_id()
    {
        // Small integer coordinates make many exactly equal distances, far more than the candidate margin.
        var rng = new Random(5);
        var b = RandomMatrix(rng, 3000, 3, integers: true);
        var q = RandomMatrix(rng, 20, 3, integers: true);
        var progress = new RecordingProgress();
        AssertMatchesReference(b, q, 40, ExactKnn.Search(b, q, 40, progress: progress));
        // The tie groups (~47 copies of each point) exceed the first margin, so the widening pass must have run.
        Assert.Contains(progress.Messages, m => m.EndsWith("queries with near-ties searched again with a wider margin", StringComparison.Ordinal));
    }

    private sealed class RecordingProgress : IProgressSink
    {
        public List<string> Messages { get; } = [];
        public void Report(string stage, long done, long total) { }
        public void Message(string text) => Messages.Add(text);
    }

    [Fact]
    public void Duplicated_base_vectors_keep_the_smallest_ids()
    {
        var b = new FloatMatrix(500, 2);
        for (int i = 0; i < 500; i++) { b.Data[2 * i] = i % 5; b.Data[2 * i + 1] = 1; }
        var q = new FloatMatrix(1, 2, [2, 1]);
        var result = ExactKnn.Search(b, q, 10);
        Assert.Equal([2L, 7, 12, 17, 22, 27, 32, 37, 42, 47], result.Ids);
        Assert.All(result.Distances, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Fewer_base_vectors_than_k_are_padded()
    {
        var b = new FloatMatrix(2, 1, [5, 1]);
        var q = new FloatMatrix(2, 1, [0, 4]);
        var result = ExactKnn.Search(b, q, 4);
        Assert.Equal([1L, 0, -1, -1, 0, 1, -1, -1], result.Ids);
        Assert.Equal([1f, 25, float.PositiveInfinity, float.PositiveInfinity, 1, 9, float.PositiveInfinity, float.PositiveInfinity], result.Distances);
        Assert.Equal([[1, 0], [0, 1]], result.ToLists());
    }

    [Fact]
    public void Empty_inputs_give_empty_or_padded_results()
    {
        var none = ExactKnn.Search(new FloatMatrix(0, 3), new FloatMatrix(2, 3), 2);
        Assert.Equal([-1L, -1, -1, -1], none.Ids);
        Assert.Empty(ExactKnn.Search(new FloatMatrix(4, 3), new FloatMatrix(0, 3), 2).Ids);
        Assert.Empty(ExactKnn.Search(new FloatMatrix(4, 3), new FloatMatrix(2, 3), 0).Ids);
        Assert.Throws<ArgumentException>(() => ExactKnn.Search(new FloatMatrix(4, 3), new FloatMatrix(2, 5), 1));
        // Vectors of dimension 0 (an (n, 0) .npy) are all at distance 0: the smallest ids win.
        var flat = ExactKnn.Search(new FloatMatrix(5, 0), new FloatMatrix(1, 0), 3);
        Assert.Equal([0L, 1, 2], flat.Ids);
        Assert.Equal([0f, 0, 0], flat.Distances);
    }

    [Fact]
    public void Streaming_the_base_from_a_file_gives_the_same_result_as_memory()
    {
        using var dir = new TempDirectory();
        var rng = new Random(9);
        // More rows than one base block of dimension 200, so several blocks stream.
        var b = RandomMatrix(rng, 25_000, 200, integers: false);
        var q = RandomMatrix(rng, 6, 200, integers: false);
        VectorFile.Write(dir.File("b.fvecs"), b);
        using var source = VectorFile.Open(dir.File("b.fvecs"));
        var streamed = ExactKnn.Search(source, q, 7, threads: 2);
        var inMemory = ExactKnn.Search(b, q, 7, threads: 1);
        Assert.Equal(inMemory.Ids, streamed.Ids);
        Assert.Equal(inMemory.Distances, streamed.Distances);
        AssertMatchesReference(b, q, 7, streamed);
    }

    [Fact]
    public void Many_queries_span_several_query_blocks()
    {
        var rng = new Random(11);
        var b = RandomMatrix(rng, 9000, 8, integers: false);
        var q = RandomMatrix(rng, 2100, 8, integers: false);
        // The reference is slow, so it checks a spread of queries from every query block.
        AssertMatchesReference(b, q, 3, ExactKnn.Search(b, q, 3), Enumerable.Range(0, 2100).Where(i => i % 61 == 0 || i == 2099));
    }

    internal static FloatMatrix RandomMatrix(Random rng, int rows, int cols, bool integers)
    {
        var m = new FloatMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = integers ? rng.Next(4) : (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    /// <summary>Sorts every base vector by (double distance, id) for each query and compares the first k.</summary>
    internal static void AssertMatchesReference(FloatMatrix b, FloatMatrix q, int k, KnnResult result, IEnumerable<int>? queries = null)
    {
        Assert.Equal((q.Rows, k), (result.Queries, result.K));
        foreach (int i in queries ?? Enumerable.Range(0, q.Rows))
        {
            var order = Enumerable.Range(0, b.Rows)
                .Select(id => (Distance: Reference(q.Row(i), b.Row(id)), Id: id))
                .OrderBy(p => p.Distance).ThenBy(p => p.Id).Take(k).ToArray();
            for (int j = 0; j < k; j++)
            {
                long id = result.Ids[(long)i * k + j];
                float distance = result.Distances[(long)i * k + j];
                if (j >= order.Length)
                {
                    Assert.Equal(-1, id);
                    continue;
                }
                Assert.Equal(order[j].Id, id);
                Assert.Equal((float)order[j].Distance, distance, (float)(order[j].Distance * 1e-6));
            }
        }
    }

    private static double Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += ((double)x[i] - y[i]) * ((double)x[i] - y[i]);
        return sum;
    }
}
