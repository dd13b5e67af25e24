using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sigah.Core.Hamming;

/// <summary>
/// Building blocks of the AVX2 kernels: the popcount of every byte by two 16-entry nibble lookups
/// (<c>vpshufb</c>), summed per 64-bit word with <c>vpsadbw</c>. Distances of 16 codes are packed into the
/// 16-bit lanes of one vector so a scan compares all 16 against its threshold with one instruction.
/// </summary>
internal static class Avx2HammingKernels
{
    /// <summary>Popcount of each byte of <paramref name="x"/> (0..8 per byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> ByteCounts(Vector256<byte> x)
    {
        // Popcount of each nibble value 0..15, once per 128-bit lane (vpshufb looks up within lanes).
        var nibbleCounts = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var low = Vector256.Create((byte)0x0F);
        return Avx2.Shuffle(nibbleCounts, x & low) + Avx2.Shuffle(nibbleCounts, Avx2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
    }

    /// <summary>Popcount of each 64-bit word of <paramref name="a"/> xor <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> WordCounts(Vector256<byte> a, ref byte b, int offset) =>
        Avx2.SumAbsoluteDifferences(ByteCounts(a ^ Vector256.LoadUnsafe(ref b, (nuint)offset)), Vector256<byte>.Zero).AsUInt64();

    /// <summary>Packs four vectors of four word-sized distances into 16-bit lanes: lane j = word j/4 of vector j%4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<short> Interleave(Vector256<ulong> d0, Vector256<ulong> d1, Vector256<ulong> d2, Vector256<ulong> d3) =>
        (d0 | Avx2.ShiftLeftLogical(d1, 16) | Avx2.ShiftLeftLogical(d2, 32) | Avx2.ShiftLeftLogical(d3, 48)).AsInt16();

    /// <summary>
    /// Distances of 4 consecutive codes made of <paramref name="chunks"/> 32-byte chunks each: byte counts are
    /// summed over the chunks first (at most 8 × 16 per byte, no overflow up to 4096-bit codes), then reduced.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<int> Wide4(ref Vector256<byte> query, ref byte codes, int chunks)
    {
        int bytes = chunks * 32;
        var s0 = WideSums(ref query, ref codes, chunks);
        var s1 = WideSums(ref query, ref Unsafe.Add(ref codes, bytes), chunks);
        var s2 = WideSums(ref query, ref Unsafe.Add(ref codes, 2 * bytes), chunks);
        var s3 = WideSums(ref query, ref Unsafe.Add(ref codes, 3 * bytes), chunks);
        // Each s holds 4 partial sums of one code in its 64-bit words; fold them to one int per code.
        var t01 = (s0 | Avx2.ShiftLeftLogical(s1, 32)).AsInt32();
        var t23 = (s2 | Avx2.ShiftLeftLogical(s3, 32)).AsInt32();
        var u = Avx2.UnpackLow(t01.AsInt64(), t23.AsInt64()).AsInt32() + Avx2.UnpackHigh(t01.AsInt64(), t23.AsInt64()).AsInt32();
        return u.GetLower() + u.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> WideSums(ref Vector256<byte> query, ref byte code, int chunks)
    {
        var counts = ByteCounts(query ^ Vector256.LoadUnsafe(ref code));
        for (int c = 1; c < chunks; c++)
            counts += ByteCounts(Unsafe.Add(ref query, c) ^ Vector256.LoadUnsafe(ref code, (nuint)(32 * c)));
        return Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
    }

    /// <summary>16 codes of <paramref name="chunks"/> × 32 bytes, lanes in code order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<short> Wide16(ref Vector256<byte> query, ref byte codes, int chunks)
    {
        int four = 4 * 32 * chunks;
        var a = Wide4(ref query, ref codes, chunks);
        var b = Wide4(ref query, ref Unsafe.Add(ref codes, four), chunks);
        var c = Wide4(ref query, ref Unsafe.Add(ref codes, 2 * four), chunks);
        var d = Wide4(ref query, ref Unsafe.Add(ref codes, 3 * four), chunks);
        return Vector256.Create(Sse2.PackSignedSaturate(a, b), Sse2.PackSignedSaturate(c, d));
    }
}

/// <summary>AVX2 kernel for 64-bit codes: four codes per vector against the broadcast query.</summary>
internal readonly struct Avx2x64Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => Avx2.IsSupported;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => Scalar64Kernel.Distance(ref a, ref b, bytes);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes)
    {
        var q = query;
        return Avx2HammingKernels.Interleave(
            Avx2HammingKernels.WordCounts(q, ref codes, 0), Avx2HammingKernels.WordCounts(q, ref codes, 32),
            Avx2HammingKernels.WordCounts(q, ref codes, 64), Avx2HammingKernels.WordCounts(q, ref codes, 96));
    }

    /// <inheritdoc/>
    public static int LaneCode(int lane) => (lane >> 2) + ((lane & 3) << 2);
}

/// <summary>AVX2 kernel for 128-bit codes: two codes per vector, word pairs folded by unpacking.</summary>
internal readonly struct Avx2x128Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => Avx2.IsSupported;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => Scalar128Kernel.Distance(ref a, ref b, bytes);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes)
    {
        var q = query;
        return Avx2HammingKernels.Interleave(
            Pair(q, ref codes, 0), Pair(q, ref codes, 64), Pair(q, ref codes, 128), Pair(q, ref codes, 192));
    }

    /// <summary>Codes 0..3 at <paramref name="offset"/> → words [code0, code2 | code1, code3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Pair(Vector256<byte> q, ref byte codes, int offset)
    {
        var s0 = Avx2HammingKernels.WordCounts(q, ref codes, offset);
        var s1 = Avx2HammingKernels.WordCounts(q, ref codes, offset + 32);
        return Avx2.UnpackLow(s0, s1) + Avx2.UnpackHigh(s0, s1);
    }

    /// <inheritdoc/>
    public static int LaneCode(int lane) => 4 * (lane & 3) + (lane >> 2) switch { 0 => 0, 1 => 2, 2 => 1, _ => 3 };
}

/// <summary>AVX2 kernel for 256-bit codes.</summary>
internal readonly struct Avx2x256Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => Avx2.IsSupported;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => Scalar256Kernel.Distance(ref a, ref b, bytes);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) =>
        Avx2HammingKernels.Wide16(ref query, ref codes, 1);
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>AVX2 kernel for 512-bit codes.</summary>
internal readonly struct Avx2x512Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => Avx2.IsSupported;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => Scalar512Kernel.Distance(ref a, ref b, bytes);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) =>
        Avx2HammingKernels.Wide16(ref query, ref codes, 2);
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>AVX2 kernel for any code length that is a multiple of 256 bits.</summary>
internal readonly struct Avx2WideKernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => Avx2.IsSupported;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => ScalarHammingKernels.AnyLength(ref a, ref b, bytes);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) =>
        Avx2HammingKernels.Wide16(ref query, ref codes, bytes / 32);
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}
