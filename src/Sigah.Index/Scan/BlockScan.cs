using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sigah.Core.Hamming;

namespace Sigah.Index.Scan;

/// <summary>
/// The fused scan loop: distances of a group of queries to a range of codes, read block by block so each block
/// stays in cache while every query of the group passes over it, and only codes within a query's running
/// limit reach its sink. Vector kernels test 16 codes against the limit with one compare.
/// </summary>
internal static unsafe class BlockScan
{
    /// <summary>
    /// Scans codes <paramref name="start"/>..<paramref name="end"/> of <paramref name="codes"/> (<paramref name="bytes"/>
    /// bytes each) for the <paramref name="groupSize"/> queries at <paramref name="queries"/>, whose vector layouts
    /// (<see cref="HammingQuery.VectorCount"/> vectors each, only read by vector kernels) are at <paramref name="prepared"/>.
    /// <paramref name="start"/> and <paramref name="blockCodes"/> must be multiples of 16.
    /// </summary>
    // Fully optimised at once: a CLI process runs this hot loop a single time, too soon for tiered compilation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel, TSink>(byte* codes, int bytes, int start, int end, byte* queries, Vector256<byte>* prepared,
        int groupSize, int blockCodes, TSink sink)
        where TKernel : struct, IHammingKernel
        where TSink : IScanSink
    {
        int vectors = HammingQuery.VectorCount(bytes);
        for (int blockStart = start; blockStart < end; blockStart += blockCodes)
        {
            int blockEnd = Math.Min(end, blockStart + blockCodes);
            for (int q = 0; q < groupSize; q++)
            {
                int limit = sink.Limit(q);
                int i = blockStart;
                ref byte query = ref Unsafe.AsRef<byte>(queries + (nint)q * bytes);
                if (TKernel.IsVectorised)
                {
                    ref var vectorQuery = ref Unsafe.AsRef<Vector256<byte>>(prepared + q * vectors);
                    var bound = Bound(limit);
                    for (; i + 16 <= blockEnd; i += 16)
                    {
                        var distances = TKernel.Distances16(ref vectorQuery, ref Unsafe.AsRef<byte>(codes + (nint)i * bytes), bytes);
                        // Two mask bits per 16-bit lane; keep the even one.
                        uint mask = Vector256.GreaterThan(bound, distances).AsByte().ExtractMostSignificantBits() & 0x55555555u;
                        if (mask == 0) continue;
                        do
                        {
                            int lane = BitOperations.TrailingZeroCount(mask) >> 1;
                            mask &= mask - 1;
                            int distance = distances.GetElement(lane);
                            if (distance <= limit) limit = sink.Offer(q, distance, i + TKernel.LaneCode(lane));
                        }
                        while (mask != 0);
                        bound = Bound(limit);
                    }
                }
                for (; i < blockEnd; i++)
                {
                    int distance = TKernel.Distance(ref query, ref Unsafe.AsRef<byte>(codes + (nint)i * bytes), bytes);
                    if (distance <= limit) limit = sink.Offer(q, distance, i);
                }
            }
        }
    }

    /// <summary>Lanes below this bound hold distances ≤ <paramref name="limit"/> (distances never exceed 4096).</summary>
    private static Vector256<short> Bound(int limit) => Vector256.Create((short)(Math.Min(limit, short.MaxValue - 1) + 1));
}
