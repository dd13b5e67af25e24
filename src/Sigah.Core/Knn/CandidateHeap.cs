namespace Sigah.Core.Knn;

/// <summary>
/// The best <see cref="Capacity"/> (distance, id) pairs seen so far for one query, as a max-heap whose top is the
/// worst kept pair. Order is by distance, then id; since ids arrive in increasing order, a new pair that only ties
/// the top is rejected, which keeps the smaller id.
/// </summary>
internal sealed class CandidateHeap(int capacity)
{
    private readonly float[] _distances = new float[capacity];
    private readonly int[] _ids = new int[capacity];

    public int Capacity => capacity;
    public int Count { get; private set; }

    /// <summary>A pair must be strictly below this to enter (+∞ until the heap is full).</summary>
    public float Threshold => Count < capacity ? float.PositiveInfinity : _distances[0];

    /// <summary>Kept ids, in heap order (length <see cref="Count"/>).</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    /// <summary>Kept distances, in the same heap order as <see cref="Ids"/>.</summary>
    public ReadOnlySpan<float> Distances => _distances.AsSpan(0, Count);

    /// <summary>Adds the pair if it beats <see cref="Threshold"/>; ids must be pushed in increasing order.</summary>
    public void Push(float distance, int id)
    {
        if (Count < capacity)
        {
            int i = Count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Worse(distance, id, _distances[parent], _ids[parent])) break;
                _distances[i] = _distances[parent];
                _ids[i] = _ids[parent];
                i = parent;
            }
            _distances[i] = distance;
            _ids[i] = id;
        }
        else if (distance < _distances[0])
        {
            SiftDown(distance, id);
        }
    }

    public void Clear() => Count = 0;

    private void SiftDown(float distance, int id)
    {
        int i = 0, n = Count;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && Worse(_distances[child + 1], _ids[child + 1], _distances[child], _ids[child])) child++;
            if (!Worse(_distances[child], _ids[child], distance, id)) break;
            _distances[i] = _distances[child];
            _ids[i] = _ids[child];
            i = child;
        }
        _distances[i] = distance;
        _ids[i] = id;
    }

    /// <summary>True when (d1, id1) ranks after (d2, id2).</summary>
    private static bool Worse(float d1, int id1, float d2, int id2) => d1 > d2 || (d1 == d2 && id1 > id2);
}
