using Sigah.Core.Data;
using Sigah.Core.Knn;

namespace Sigah.Core.Tests.Knn;

public class FloatKnnTests
{
    [Theory]
    [InlineData(3000, 3, 20, 40)]
    [InlineData(700, 17, 9, 100)]
    public void Equals_the_exact_reference_where_float_arithmetic_is_exact(int nb, int d, int nq, int k)
    {
        // Small integer coordinates: every product and sum is exact in float, so even the many exact ties must come out as ExactKnn's.
        var rng = new Random(nb + d);
        var b = ExactKnnTests.RandomMatrix(rng, nb, d, integers: true);
        var q = ExactKnnTests.RandomMatrix(rng, nq, d, integers: true);
        ExactKnnTests.AssertMatchesReference(b, q, k, FloatKnn.Search(b, q, k));
    }

    [Fact]
    public void On_real_valued_data_keeps_neighbours_within_float_rounding_of_the_exact_ones()
    {
        var rng = new Random(3);
        var b = ExactKnnTests.RandomMatrix(rng, 4000, 64, integers: false);
        var q = ExactKnnTests.RandomMatrix(rng, 25, 64, integers: false);
        const int k = 200;
        var exact = ExactKnn.Search(b, q, k);
        var approximate = FloatKnn.Search(b, q, k);
        for (int i = 0; i < q.Rows; i++)
        {
            double kth = exact.Distances[i * k + k - 1];
            double previous = 0;
            for (int j = 0; j < k; j++)
            {
                double truth = Reference(q.Row(i), b.Row((int)approximate.Ids[i * k + j]));
                Assert.True(truth <= kth * (1 + 1e-5), $"query {i} rank {j}: distance {truth} beyond the exact k-th {kth}");
                Assert.True(truth >= previous * (1 - 1e-5), $"query {i} rank {j}: {truth} after {previous}");
                Assert.Equal(truth, approximate.Distances[i * k + j], truth * 1e-5 + 1e-6);
                previous = truth;
            }
        }
    }

    [Fact]
    public void Fewer_base_vectors_than_k_are_padded()
    {
        var result = FloatKnn.Search(new FloatMatrix(2, 1, [5, 1]), new FloatMatrix(1, 1, [4]), 3);
        Assert.Equal([0L, 1, -1], result.Ids);
        Assert.Equal([1f, 9f, float.PositiveInfinity], result.Distances);
    }

    [Fact]
    public void A_dimension_mismatch_names_the_queries()
    {
        var error = Assert.Throws<ArgumentException>(() => FloatKnn.Search(new FloatMatrix(3, 2), new FloatMatrix(1, 3), 1));
        Assert.Equal("queries", error.ParamName);
        Assert.StartsWith("queries have dimension 3, the base 2", error.Message);
    }

    private static double Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += ((double)x[i] - y[i]) * ((double)x[i] - y[i]);
        return sum;
    }
}
