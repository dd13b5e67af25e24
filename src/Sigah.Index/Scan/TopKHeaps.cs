using System.Runtime.CompilerServices;

namespace Sigah.Index.Scan;

/// <summary>
/// One bounded max-heap of capacity k per query, keyed by (distance, position) packed in a long so the
/// worst kept entry is on top and equal distances rank by the smaller position. The k-th distance is the
/// running limit of a scan: codes beyond it are never offered, so pushes are rare and no sort of all
/// distances is needed.
/// </summary>
internal sealed class TopKHeaps : IScanSink
{
    private readonly long[] _keys;
    private readonly int[] _counts;
    private readonly int _k;
    private readonly ulong[]? _excluded;

    /// <summary>
    /// Empty heaps for <paramref name="queries"/> queries, <paramref name="k"/> ≥ 1 entries each. Positions whose bit is
    /// set in <paramref name="excluded"/> (bit p of word p/64; deleted codes) are never kept.
    /// </summary>
    public TopKHeaps(int queries, int k, ulong[]? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _k = k;
        _excluded = excluded;
        _keys = new long[checked(queries * k)];
        _counts = new int[queries];
    }

    /// <summary>Capacity of each heap.</summary>
    public int K => _k;

    /// <inheritdoc/>
    public int Limit(int query) => _counts[query] < _k ? int.MaxValue : (int)(_keys[query * _k] >> 32);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in every search, and a short process would otherwise run it unoptimised
    public int Offer(int query, int distance, int position)
    {
        if (PositionBits.Contains(_excluded, position)) return Limit(query);
        long key = (long)distance << 32 | (uint)position;
        var heap = _keys.AsSpan(query * _k, _k);
        int count = _counts[query];
        if (count < _k)
        {
            int i = count;
            _counts[query] = count + 1;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (heap[parent] >= key) break;
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        }
        else if (key < heap[0])
        {
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= _k) break;
                if (child + 1 < _k && heap[child + 1] > heap[child]) child++;
                if (heap[child] <= key) break;
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = key;
        }
        return Limit(query);
    }

    /// <summary>Empties every heap.</summary>
    public void Clear() => Array.Clear(_counts);

    /// <summary>The kept entries of <paramref name="query"/> (unordered), as packed (distance, position) keys.</summary>
    public ReadOnlySpan<long> Entries(int query) => _keys.AsSpan(query * _k, _counts[query]);

    /// <summary>
    /// Writes the <paramref name="k"/> best of <paramref name="keys"/> (packed keys, sorted here in place) nearest
    /// first into <paramref name="positions"/> and <paramref name="distances"/> (length k each), -1 where fewer exist.
    /// </summary>
    public static void WriteSorted(Span<long> keys, int k, Span<int> positions, Span<int> distances)
    {
        keys.Sort();
        int kept = Math.Min(k, keys.Length);
        for (int j = 0; j < kept; j++)
        {
            positions[j] = (int)(uint)keys[j];
            distances[j] = (int)(keys[j] >> 32);
        }
        positions[kept..k].Fill(-1);
        distances[kept..k].Fill(-1);
    }
}
