using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sigah.Hashing.Linear;

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
        int i = 0;
        for (; i + 4 <= p; i += 4)
        {
            int col = 0;
            for (; col + 16 <= r; col += 16)
                Tile4x16(ref Unsafe.Add(ref a0, i * aRowStride), aRowStride, aColStride, q,
                    ref Unsafe.Add(ref b0, col), r, ref Unsafe.Add(ref c0, i * r + col));
            for (int row = i; col < r && row < i + 4; row++)
                Row(ref Unsafe.Add(ref a0, row * aRowStride), aColStride, q, ref b0, r, ref Unsafe.Add(ref c0, row * r), col);
        }
        for (; i < p; i++)
            Row(ref Unsafe.Add(ref a0, i * aRowStride), aColStride, q, ref b0, r, ref Unsafe.Add(ref c0, i * r), 0);
    }

    /// <summary>
    /// Four rows × 16 columns of C in eight registers: per k, two loads of B's row and four broadcasts of A's
    /// column feed eight fused multiply-adds, so each loaded value of B serves four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x16(ref float a, int aRowStride, int aColStride, int q, ref float b, int r, ref float c)
    {
        Vector256<float> s00 = Vector256<float>.Zero, s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        ref float ak = ref a;
        ref float bk = ref b;
        for (int k = 0; k < q; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref bk);
            var b1 = Vector256.LoadUnsafe(ref bk, 8);
            var x0 = Vector256.Create(ak);
            var x1 = Vector256.Create(Unsafe.Add(ref ak, aRowStride));
            var x2 = Vector256.Create(Unsafe.Add(ref ak, 2 * aRowStride));
            var x3 = Vector256.Create(Unsafe.Add(ref ak, 3 * aRowStride));
            s00 = Vector256.FusedMultiplyAdd(x0, b0, s00);
            s01 = Vector256.FusedMultiplyAdd(x0, b1, s01);
            s10 = Vector256.FusedMultiplyAdd(x1, b0, s10);
            s11 = Vector256.FusedMultiplyAdd(x1, b1, s11);
            s20 = Vector256.FusedMultiplyAdd(x2, b0, s20);
            s21 = Vector256.FusedMultiplyAdd(x2, b1, s21);
            s30 = Vector256.FusedMultiplyAdd(x3, b0, s30);
            s31 = Vector256.FusedMultiplyAdd(x3, b1, s31);
            ak = ref Unsafe.Add(ref ak, aColStride);
            bk = ref Unsafe.Add(ref bk, r);
        }
        s00.StoreUnsafe(ref c);
        s01.StoreUnsafe(ref c, 8);
        s10.StoreUnsafe(ref c, (nuint)r);
        s11.StoreUnsafe(ref c, (nuint)(r + 8));
        s20.StoreUnsafe(ref c, (nuint)(2 * r));
        s21.StoreUnsafe(ref c, (nuint)(2 * r + 8));
        s30.StoreUnsafe(ref c, (nuint)(3 * r));
        s31.StoreUnsafe(ref c, (nuint)(3 * r + 8));
    }

    /// <summary>One row of C from column <paramref name="firstCol"/> on, 8 columns at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(ref float a, int aColStride, int q, ref float b, int r, ref float c, int firstCol)
    {
        for (int col = firstCol; col < r; col += 8)
        {
            var s = Vector256<float>.Zero;
            ref float ak = ref a;
            ref float bk = ref Unsafe.Add(ref b, col);
            for (int k = 0; k < q; k++)
            {
                s = Vector256.FusedMultiplyAdd(Vector256.Create(ak), Vector256.LoadUnsafe(ref bk), s);
                ak = ref Unsafe.Add(ref ak, aColStride);
                bk = ref Unsafe.Add(ref bk, r);
            }
            s.StoreUnsafe(ref c, (nuint)col);
        }
    }
}
