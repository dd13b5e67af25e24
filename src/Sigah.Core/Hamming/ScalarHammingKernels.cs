using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sigah.Core.Hamming;

/// <summary>Scalar kernels: POPCNT over unaligned 64-bit words, unrolled for the common code lengths.</summary>
internal static class ScalarHammingKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Word(ref byte a, ref byte b, int offset) =>
        BitOperations.PopCount(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, offset)) ^
                               Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, offset)));

    /// <summary>Any length: 64-bit words, then single bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AnyLength(ref byte a, ref byte b, int bytes)
    {
        int d = 0, i = 0;
        for (; i + 8 <= bytes; i += 8) d += Word(ref a, ref b, i);
        for (; i < bytes; i++) d += BitOperations.PopCount((uint)(Unsafe.Add(ref a, i) ^ Unsafe.Add(ref b, i)));
        return d;
    }

    internal static Vector256<short> NotVectorised() =>
        throw new InvalidOperationException("scalar kernels have no 16-code path; check IsVectorised");
}

/// <summary>Scalar kernel for 64-bit codes.</summary>
internal readonly struct Scalar64Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => false;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => ScalarHammingKernels.Word(ref a, ref b, 0);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) => ScalarHammingKernels.NotVectorised();
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>Scalar kernel for 128-bit codes.</summary>
internal readonly struct Scalar128Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => false;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) =>
        ScalarHammingKernels.Word(ref a, ref b, 0) + ScalarHammingKernels.Word(ref a, ref b, 8);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) => ScalarHammingKernels.NotVectorised();
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>Scalar kernel for 256-bit codes.</summary>
internal readonly struct Scalar256Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => false;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) =>
        ScalarHammingKernels.Word(ref a, ref b, 0) + ScalarHammingKernels.Word(ref a, ref b, 8) +
        ScalarHammingKernels.Word(ref a, ref b, 16) + ScalarHammingKernels.Word(ref a, ref b, 24);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) => ScalarHammingKernels.NotVectorised();
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>Scalar kernel for 512-bit codes.</summary>
internal readonly struct Scalar512Kernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => false;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) =>
        Scalar256Kernel.Distance(ref a, ref b, 32) + Scalar256Kernel.Distance(ref Unsafe.Add(ref a, 32), ref Unsafe.Add(ref b, 32), 32);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) => ScalarHammingKernels.NotVectorised();
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}

/// <summary>Scalar kernel for codes of any length.</summary>
internal readonly struct ScalarAnyKernel : IHammingKernel
{
    /// <inheritdoc/>
    public static bool IsVectorised => false;
    /// <inheritdoc/>
    public static int Distance(ref byte a, ref byte b, int bytes) => ScalarHammingKernels.AnyLength(ref a, ref b, bytes);
    /// <inheritdoc/>
    public static Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes) => ScalarHammingKernels.NotVectorised();
    /// <inheritdoc/>
    public static int LaneCode(int lane) => lane;
}
