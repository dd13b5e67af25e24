using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>
/// The sparse data-to-anchor matrix Z of Anchor Graph Hashing (Liu, Wang, Kumar &amp; Chang, ICML 2011): row i has
/// non-zeros only at the s anchors nearest to x_i, with weights exp(−‖x_i − u_j‖² / σ²) normalised to sum to 1.
/// Entry t of row i is anchor <c>AnchorIndices[i*s + t]</c> with weight <c>Weights[i*s + t]</c>, nearest first.
/// </summary>
internal sealed class AnchorGraph
{
    private const int BlockRows = 2048;

    private AnchorGraph(int rows, int anchors, int neighbours, float bandwidth, int[] anchorIndices, float[] weights)
    {
        Rows = rows;
        Anchors = anchors;
        Neighbours = neighbours;
        Bandwidth = bandwidth;
        AnchorIndices = anchorIndices;
        Weights = weights;
    }

    /// <summary>Number of data rows n.</summary>
    public int Rows { get; }

    /// <summary>Number of anchors m (columns of Z).</summary>
    public int Anchors { get; }

    /// <summary>Non-zeros per row, s.</summary>
    public int Neighbours { get; }

    /// <summary>Kernel width σ.</summary>
    public float Bandwidth { get; }

    /// <summary>Anchor of each non-zero, Rows × Neighbours, nearest first.</summary>
    public int[] AnchorIndices { get; }

    /// <summary>Weight of each non-zero, Rows × Neighbours; each row sums to 1.</summary>
    public float[] Weights { get; }

    /// <summary>
    /// Builds Z for the rows of <paramref name="data"/> against <paramref name="anchors"/> (m × d, row-major),
    /// with σ = the mean distance from a row to its s-th nearest anchor (the self-tuning width of Liu et al.).
    /// </summary>
    public static AnchorGraph Build(FloatMatrix data, ReadOnlySpan<float> anchors, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(data.Rows, 1, nameof(data));
        int d = data.Cols, m = anchors.Length / d;
        if (anchors.Length != m * d || m < 1) throw new ArgumentException($"anchors holds {anchors.Length} values, not a positive multiple of {d}", nameof(anchors));
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(neighbours, m);
        int n = data.Rows, s = neighbours;
        var anchorNorms = new float[m];
        SquaredDistances.RowNorms(anchors, d, anchorNorms);
        var indices = new int[n * s];
        var weights = new float[n * s];
        var distances = new float[Math.Min(n, BlockRows) * m];
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            SquaredDistances.Compute(data.RowBlock(start, count), count, anchors, anchorNorms, d, distances);
            for (int r = 0; r < count; r++)
                SelectNearest(distances.AsSpan(r * m, m), indices.AsSpan((start + r) * s, s), weights.AsSpan((start + r) * s, s));
        }
        double sumOfDistances = 0;
        for (int i = 0; i < n; i++) sumOfDistances += Math.Sqrt(weights[i * s + s - 1]);
        // A zero width (all rows on their anchors) would divide by zero; any positive width then gives equal weights.
        float bandwidth = sumOfDistances > 0 ? (float)(sumOfDistances / n) : 1f;
        for (int i = 0; i < n; i++) KernelWeights(weights.AsSpan(i * s, s), bandwidth);
        return new AnchorGraph(n, m, s, bandwidth, indices, weights);
    }

    /// <summary>
    /// Writes the indices of the <c>nearest.Length</c> smallest entries of <paramref name="squaredDistances"/> (one per
    /// anchor) into <paramref name="nearest"/>, smallest first, ties to the smaller index, and their values into
    /// <paramref name="values"/> (same length).
    /// </summary>
    public static void SelectNearest(ReadOnlySpan<float> squaredDistances, Span<int> nearest, Span<float> values)
    {
        int s = nearest.Length, filled = 0;
        if (values.Length != s) throw new ArgumentException($"values holds {values.Length}, expected {s}", nameof(values));
        for (int j = 0; j < squaredDistances.Length; j++)
        {
            float v = squaredDistances[j];
            if (filled == s && v >= values[s - 1]) continue;
            int at = filled == s ? s - 1 : filled++;
            while (at > 0 && values[at - 1] > v)
            {
                values[at] = values[at - 1];
                nearest[at] = nearest[at - 1];
                at--;
            }
            values[at] = v;
            nearest[at] = j;
        }
    }

    /// <summary>
    /// Turns the squared distances of a row's nearest anchors (ascending) into Gaussian weights
    /// exp(−d/σ²) normalised to sum to 1, in place. Shifting by the smallest distance first leaves the normalised
    /// weights unchanged and keeps far-away rows from underflowing to 0/0.
    /// </summary>
    public static void KernelWeights(Span<float> squaredDistances, float bandwidth)
    {
        double scale = 1.0 / ((double)bandwidth * bandwidth), nearest = squaredDistances[0], sum = 0;
        for (int t = 0; t < squaredDistances.Length; t++) sum += Math.Exp(-(squaredDistances[t] - nearest) * scale);
        for (int t = 0; t < squaredDistances.Length; t++)
            squaredDistances[t] = (float)(Math.Exp(-(squaredDistances[t] - nearest) * scale) / sum);
    }
}
