using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sigah.Hashing;

/// <summary>
/// C = A·B for the small row-major products of the ITQ loop (one side m × m or m × rows, m = the code length),
/// on the calling thread. ITQ runs one of these per block of rows with the blocks in parallel; BLAS would either
/// thread each tiny product itself (its synchronisation costs more than the work) or need its process-wide
/// thread count changed, which would change other computations running at the same time.
/// </summary>
internal static class ThinProduct
{
    /// <summary>
    /// C (p × r) = A (p × q) · B (q × r). B and C are dense row-major (<paramref name="b"/> holds q·r values,
    /// <paramref name="c"/> p·r); A(i, k) is <c>a[i * aRowStride + k * aColStride]</c>, so A may be a row-major
    /// matrix (strides q, 1) or the transpose of one (strides 1, p). r must be a multiple of 8. Each output is
    /// summed over k = 0..q−1 in order with fused multiply-adds, so results do not depend on how calls are
    /// spread over threads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // long loops: skip the unoptimised first JIT tier
    internal static void Multiply(ReadOnlySpan<float> a, int aRowStride, int aColStride, int p, int q,
        ReadOnlySpan<float> b, int r, Span<float> c)
    {
        if (r % 8 != 0) throw new ArgumentOutOfRangeException(nameof(r), r, "r must be a multiple of 8");
        if (p > 0 && q > 0 && a.Length < (p - 1) * aRowStride + (q - 1) * aColStride + 1)
            throw new ArgumentException($"a holds {a.Length} values, too few for {p} x {q} with strides {aRowStride}, {aColStride}", nameof(a));
        if (b.Length < q * r) throw new ArgumentException($"b holds {b.Length} values, expected {q * r}", nameof(b));
        if (c.Length < p * r) throw new ArgumentException($"c holds {c.Length} values, expected {p * r}", nameof(c));
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        for (int i = 0; i < p; i++)
        {
            ref float ai = ref Unsafe.Add(ref a0, i * aRowStride);
            ref float ci = ref Unsafe.Add(ref c0, i * r);
            int col = 0;
            // 32 columns at a time in four registers, then 8 at a time.
            for (; col + 32 <= r; col += 32)
            {
                Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                ref float bk = ref Unsafe.Add(ref b0, col);
                for (int k = 0; k < q; k++, bk = ref Unsafe.Add(ref bk, r))
                {
                    var x = Vector256.Create(Unsafe.Add(ref ai, k * aColStride));
                    s0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bk), s0);
                    s1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bk, 8), s1);
                    s2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bk, 16), s2);
                    s3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bk, 24), s3);
                }
                s0.StoreUnsafe(ref ci, (nuint)col);
                s1.StoreUnsafe(ref ci, (nuint)(col + 8));
                s2.StoreUnsafe(ref ci, (nuint)(col + 16));
                s3.StoreUnsafe(ref ci, (nuint)(col + 24));
            }
            for (; col < r; col += 8)
            {
                var s = Vector256<float>.Zero;
                ref float bk = ref Unsafe.Add(ref b0, col);
                for (int k = 0; k < q; k++, bk = ref Unsafe.Add(ref bk, r))
                    s = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ai, k * aColStride)), Vector256.LoadUnsafe(ref bk), s);
                s.StoreUnsafe(ref ci, (nuint)col);
            }
        }
    }
}
