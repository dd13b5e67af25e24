using System.Buffers.Binary;
using System.Numerics;

namespace Sigah.Core.Hamming;

/// <summary>
/// Hamming distances between packed codes (see <see cref="Sigah.Core.Codes.PackedCodes"/> for the layout).
/// This is the scalar reference; specialised SIMD kernels are chosen in one place and must agree with it.
/// </summary>
internal static class HammingDistance
{
    /// <summary>Distance between two codes of equal length (any number of bytes).</summary>
    public static int Between(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"codes differ in length ({a.Length} vs {b.Length} bytes)", nameof(b));
        int d = 0, i = 0;
        for (; i + 8 <= a.Length; i += 8)
            d += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(a[i..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(b[i..]));
        for (; i < a.Length; i++) d += BitOperations.PopCount((uint)(a[i] ^ b[i]));
        return d;
    }

    /// <summary>
    /// Distances from <paramref name="query"/> (<c>bytesPerCode</c> bytes) to each of the
    /// <c>codes.Length / bytesPerCode</c> codes in <paramref name="codes"/>; <paramref name="distances"/> must hold that many.
    /// </summary>
    public static void OneToMany(ReadOnlySpan<byte> query, ReadOnlySpan<byte> codes, Span<int> distances)
    {
        int bytes = query.Length;
        if (bytes == 0) throw new ArgumentException("query is empty", nameof(query));
        if (codes.Length % bytes != 0) throw new ArgumentException($"codes length {codes.Length} is not a multiple of {bytes}", nameof(codes));
        int n = codes.Length / bytes;
        if (distances.Length < n) throw new ArgumentException($"distances holds {distances.Length}, needs {n}", nameof(distances));
        for (int i = 0; i < n; i++) distances[i] = Between(query, codes.Slice(i * bytes, bytes));
    }
}
