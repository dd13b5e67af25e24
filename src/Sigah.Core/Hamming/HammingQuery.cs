using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sigah.Core.Hamming;

/// <summary>
/// A query laid out for <see cref="IHammingKernel.Distances16"/>: 64- and 128-bit codes are repeated to
/// fill a 256-bit vector, longer codes are split into 32-byte chunks.
/// </summary>
internal static class HammingQuery
{
    /// <summary>Vectors a prepared query of <paramref name="bytesPerCode"/> bytes occupies.</summary>
    public static int VectorCount(int bytesPerCode) => Math.Max(1, bytesPerCode / 32);

    /// <summary>
    /// Lays out <paramref name="query"/> (8, 16 or a multiple of 32 bytes) into <paramref name="destination"/>,
    /// which must hold <see cref="VectorCount"/> vectors.
    /// </summary>
    public static void Prepare(ReadOnlySpan<byte> query, Span<Vector256<byte>> destination)
    {
        int bytes = query.Length;
        if (bytes != 8 && bytes != 16 && bytes % 32 != 0)
            throw new ArgumentException($"vector kernels take 8, 16 or a multiple of 32 bytes, not {bytes}", nameof(query));
        if (destination.Length < VectorCount(bytes))
            throw new ArgumentException($"destination holds {destination.Length} vectors, needs {VectorCount(bytes)}", nameof(destination));
        var raw = MemoryMarshal.AsBytes(destination[..VectorCount(bytes)]);
        for (int offset = 0; offset < raw.Length; offset += bytes) query.CopyTo(raw[offset..]);
    }
}
