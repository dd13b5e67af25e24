using Sigah.Core.Data;
using Sigah.Hashing.AnchorGraphHashing;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Tests.AnchorGraphHashing;

public class AnchorGraphEmbeddingTests
{
    private const int Rows = 1500, Anchors = 40, Neighbours = 3, Bits = 16;

    [Fact]
    public void Embedding_columns_are_orthogonal_with_norm_n_and_orthogonal_to_the_constant()
    {
        var (graph, projection, eigenvalues) = Fit();
        var y = Embed(graph, projection);
        // Y = Z·W with W = √n·Λ^(−1/2)·V·Σ^(−1/2): YᵀY = n·I, and 1ᵀY = 0 since the skipped top eigenvector is Λ^(1/2)·1.
        for (int a = 0; a < Bits; a++)
        {
            double sum = 0;
            for (int i = 0; i < Rows; i++) sum += y[i, a];
            Assert.True(Math.Abs(sum) < 1e-3 * Rows, $"column {a} sums to {sum}");
            for (int b = a; b < Bits; b++)
            {
                double dot = 0;
                for (int i = 0; i < Rows; i++) dot += y[i, a] * y[i, b];
                Assert.Equal(a == b ? 1.0 : 0.0, dot / Rows, 3);
            }
        }
        // The eigenvalues of M lie in (0, 1] and come in descending order, the trivial 1 excluded.
        Assert.All(eigenvalues, v => Assert.InRange(v, 1e-6, 1.0 + 1e-9));
        for (int k = 1; k < Bits; k++) Assert.True(eigenvalues[k] <= eigenvalues[k - 1]);
    }

    [Fact]
    public void Codes_of_the_training_rows_are_balanced()
    {
        var data = Data();
        var model = new AnchorGraphHasher(new AnchorGraphOptions { Bits = Bits, Anchors = Anchors, Neighbours = Neighbours })
            .Fit(data, new TrainingContext { Seed = 2 });
        var codes = model.EncodeAll(data);
        for (int bit = 0; bit < Bits; bit++)
        {
            int ones = 0;
            for (int i = 0; i < Rows; i++) ones += codes.GetBit(i, bit) ? 1 : 0;
            // Each embedding column has mean 0, so its sign splits the data, though not exactly in half.
            Assert.InRange(ones, Rows / 10, Rows - Rows / 10);
        }
    }

    [Fact]
    public void Too_many_bits_for_the_anchors_is_an_option_error_naming_both()
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => new AnchorGraphHasher(new AnchorGraphOptions { Bits = 64, Anchors = 64 }));
        Assert.Equal(nameof(AnchorGraphOptions.Anchors), e.ParamName);
        Assert.Equal([nameof(AnchorGraphOptions.Bits)], e.Related);
    }

    // Real data: its anchor graph is connected, so eigenvalue 1 is simple. (Well-separated synthetic clusters would
    // split the graph into components, each adding another eigenvalue 1.)
    private static FloatMatrix Data() => FashionMnistSample.Train(Rows);

    private static (AnchorGraph Graph, float[] Projection, double[] Eigenvalues) Fit()
    {
        var data = Data();
        var anchors = KMeans.Fit(data, Anchors, iterations: 10, new Random(3));
        var graph = AnchorGraph.Build(data, anchors, Neighbours);
        var (projection, eigenvalues) = AnchorGraphEmbedding.Compute(graph, Bits);
        return (graph, projection, eigenvalues);
    }

    private static double[,] Embed(AnchorGraph graph, float[] projection)
    {
        var y = new double[graph.Rows, Bits];
        for (int i = 0; i < graph.Rows; i++)
            for (int t = 0; t < graph.Neighbours; t++)
            {
                int anchor = graph.AnchorIndices[i * graph.Neighbours + t];
                double weight = graph.Weights[i * graph.Neighbours + t];
                for (int k = 0; k < Bits; k++) y[i, k] += weight * projection[anchor * Bits + k];
            }
        return y;
    }
}
