using Sigah.Core.Data;
using Sigah.Core.Knn;
using Sigah.Core.Progress;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The Euclidean neighbours (ranked in float, <see cref="FloatKnn"/>) of a random subset of training rows (the anchors) among all training rows,
/// nearest first, the anchor itself left out: the ranking the neighbour term teaches the codes. A subset is enough
/// (every row is still a candidate of many anchors) and keeps the k-NN pass, anchors × rows × d, within the
/// training budget.
/// </summary>
internal sealed class TrainingNeighbours
{
    private readonly int[] _ranked;

    private TrainingNeighbours(int[] anchors, int depth, int[] ranked)
    {
        Anchors = anchors;
        Depth = depth;
        _ranked = ranked;
    }

    /// <summary>Row index of each anchor.</summary>
    public int[] Anchors { get; }

    /// <summary>Neighbours kept per anchor.</summary>
    public int Depth { get; }

    /// <summary>The <see cref="Depth"/> nearest rows of anchor <paramref name="anchor"/>, nearest first (ties by smaller row).</summary>
    public ReadOnlySpan<int> Of(int anchor) => _ranked.AsSpan(anchor * Depth, Depth);

    /// <summary>
    /// Picks min(<paramref name="anchors"/>, rows) anchors of <paramref name="rows"/> with <paramref name="random"/> and
    /// finds their <paramref name="depth"/> nearest other rows (needs depth &lt; rows).
    /// </summary>
    public static TrainingNeighbours Compute(FloatMatrix rows, int anchors, int depth, Random random, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(anchors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(depth, rows.Rows);
        int n = rows.Rows, count = Math.Min(anchors, n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var anchorRows = order.AsSpan(0, count).ToArray();
        Array.Sort(anchorRows);
        var knn = FloatKnn.Search(rows, rows.SelectRows(anchorRows), depth + 1, progress: progress);
        var ranked = new int[count * depth];
        for (int a = 0; a < count; a++)
        {
            // The anchor is its own nearest row unless an exact duplicate with a smaller index precedes it: skip it wherever it is.
            var ids = knn.Ids.AsSpan(a * (depth + 1), depth + 1);
            var destination = ranked.AsSpan(a * depth, depth);
            int written = 0;
            foreach (long id in ids)
                if (id != anchorRows[a] && written < depth) destination[written++] = (int)id;
        }
        return new TrainingNeighbours(anchorRows, depth, ranked);
    }
}
