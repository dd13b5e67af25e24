using System.Runtime.Intrinsics;
using Sigah.Core.Hamming;

namespace Sigah.Index.Scan;

/// <summary>Queries laid out once for the vector kernels (<see cref="HammingQuery"/>), in pinned memory.</summary>
internal sealed unsafe class PreparedQueries
{
    private readonly Vector256<byte>[] _vectors;

    /// <summary>Lays out the <paramref name="count"/> queries of <paramref name="bytes"/> bytes at <paramref name="queries"/>; nothing when <paramref name="vectorised"/> is false.</summary>
    public PreparedQueries(byte* queries, int count, int bytes, bool vectorised)
    {
        int per = HammingQuery.VectorCount(bytes);
        _vectors = GC.AllocateArray<Vector256<byte>>(vectorised ? checked(count * per) : 0, pinned: true);
        if (!vectorised) return;
        for (int q = 0; q < count; q++)
            HammingQuery.Prepare(new ReadOnlySpan<byte>(queries + (nint)q * bytes, bytes), _vectors.AsSpan(q * per, per));
        VectorsPerQuery = per;
    }

    /// <summary>Vectors per query (0 when not vectorised).</summary>
    public int VectorsPerQuery { get; }

    /// <summary>Address of query <paramref name="query"/>'s vectors (the array is pinned).</summary>
    public Vector256<byte>* Query(int query)
    {
        if (VectorsPerQuery == 0) return null;
        fixed (Vector256<byte>* first = _vectors) return first + (nint)query * VectorsPerQuery;
    }
}
