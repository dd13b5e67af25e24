using Sigah.Core.Data;
using Sigah.Hashing.AnchorGraphHashing;

namespace Sigah.Hashing.Tests.AnchorGraphHashing;

public class AnchorGraphTests
{
    [Fact]
    public void Rows_hold_the_s_nearest_anchors_with_normalised_gaussian_weights()
    {
        // One-dimensional data and anchors at 0, 1, 3; s = 2.
        var data = new FloatMatrix(3, 1, [0.25f, 2f, 2.5f]);
        float[] anchors = [0f, 1f, 3f];
        var graph = AnchorGraph.Build(data, anchors, neighbours: 2);

        // Nearest anchors: 0.25 → {0, 1} at squared distances 0.0625, 0.5625; 2 → {1, 3} tied at 1 (smaller index
        // first); 2.5 → {3, 1} at 0.25, 2.25. σ = mean distance to the 2nd nearest = (0.75 + 1 + 1.5) / 3.
        Assert.Equal([0, 1, 1, 2, 2, 1], graph.AnchorIndices);
        double sigma = (0.75 + 1 + 1.5) / 3;
        Assert.Equal(sigma, graph.Bandwidth, 5);
        double[][] squared = [[0.0625, 0.5625], [1, 1], [0.25, 2.25]];
        for (int i = 0; i < 3; i++)
        {
            double a = Math.Exp(-squared[i][0] / (sigma * sigma)), b = Math.Exp(-squared[i][1] / (sigma * sigma));
            Assert.Equal(a / (a + b), graph.Weights[2 * i], 5);
            Assert.Equal(b / (a + b), graph.Weights[2 * i + 1], 5);
        }
    }

    [Fact]
    public void Every_row_of_z_sums_to_one_and_far_rows_do_not_underflow()
    {
        var data = SyntheticData.GaussianClusters(400, 10, clusters: 4, seed: 8);
        // A row a thousand σ away from every anchor: the unshifted kernel would underflow to 0/0.
        data.Row(0).Fill(1e4f);
        var anchors = data.SelectRows(Enumerable.Range(1, 30).ToArray()).Data;
        var graph = AnchorGraph.Build(data, anchors, neighbours: 4);
        for (int i = 0; i < data.Rows; i++)
        {
            var weights = graph.Weights.AsSpan(i * 4, 4);
            double sum = 0;
            foreach (float w in weights)
            {
                Assert.True(w >= 0 && float.IsFinite(w));
                sum += w;
            }
            Assert.Equal(1.0, sum, 5);
        }
    }

    [Fact]
    public void Selecting_the_nearest_agrees_with_sorting()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            // Values from a small range so ties occur; ties go to the smaller index, as a stable sort orders them.
            var values = Enumerable.Range(0, 40).Select(_ => (float)random.Next(10)).ToArray();
            int s = random.Next(1, 8);
            var nearest = new int[s];
            var selected = new float[s];
            AnchorGraph.SelectNearest(values, nearest, selected);
            var expected = Enumerable.Range(0, values.Length).OrderBy(j => values[j]).Take(s).ToArray();
            Assert.Equal(expected, nearest);
            Assert.Equal(expected.Select(j => values[j]).ToArray(), selected);
        }
    }
}
