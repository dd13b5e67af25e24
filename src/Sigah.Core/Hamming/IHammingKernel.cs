using System.Runtime.Intrinsics;

namespace Sigah.Core.Hamming;

/// <summary>
/// A Hamming distance kernel for codes of one length. Kernels are structs used as generic arguments, so the
/// JIT compiles a scan loop once per kernel with every call inlined. <see cref="HammingKernels.Select{TUser}"/>
/// is the one place that picks the kernel for a code length.
/// </summary>
internal interface IHammingKernel
{
    /// <summary>Whether <see cref="Distances16"/> may be called (its instruction set is present).</summary>
    static abstract bool IsVectorised { get; }

    /// <summary>Distance between the <paramref name="bytes"/>-byte codes at <paramref name="a"/> and <paramref name="b"/>.</summary>
    static abstract int Distance(ref byte a, ref byte b, int bytes);

    /// <summary>
    /// Distances from a query prepared by <see cref="HammingQuery"/> to the 16 consecutive codes at
    /// <paramref name="codes"/> (16 × <paramref name="bytes"/> bytes). Lane j holds the distance of code
    /// <see cref="LaneCode"/>(j); the lane order is the kernel's, chosen so no shuffle is spent restoring it.
    /// </summary>
    static abstract Vector256<short> Distances16(ref Vector256<byte> query, ref byte codes, int bytes);

    /// <summary>Which of the 16 codes (0..15) lane <paramref name="lane"/> of <see cref="Distances16"/> belongs to.</summary>
    static abstract int LaneCode(int lane);
}
