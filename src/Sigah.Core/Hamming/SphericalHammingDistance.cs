using System.Buffers.Binary;
using System.Numerics;

namespace Sigah.Core.Hamming;

/// <summary>
/// The spherical Hamming distance of Heo et al. (Spherical Hashing, CVPR 2012) between packed codes:
/// |a xor b| / |a and b|, the differing bits over the bits set in both. Codes of Spherical Hashing set a bit
/// when the vector lies inside a sphere, so shared 1-bits mean a shared, tight region; dividing by them ranks
/// pairs that share more spheres as closer. Identical codes are at distance 0; differing codes that share no
/// 1-bit are at <see cref="double.PositiveInfinity"/>.
/// </summary>
internal static class SphericalHammingDistance
{
    /// <summary>Distance between two codes of equal length (any number of bytes).</summary>
    public static double Between(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"codes differ in length ({a.Length} vs {b.Length} bytes)", nameof(b));
        int differing = 0, shared = 0, i = 0;
        for (; i + 8 <= a.Length; i += 8)
        {
            ulong x = BinaryPrimitives.ReadUInt64LittleEndian(a[i..]), y = BinaryPrimitives.ReadUInt64LittleEndian(b[i..]);
            differing += BitOperations.PopCount(x ^ y);
            shared += BitOperations.PopCount(x & y);
        }
        for (; i < a.Length; i++)
        {
            differing += BitOperations.PopCount((uint)(a[i] ^ b[i]));
            shared += BitOperations.PopCount((uint)(a[i] & b[i]));
        }
        if (differing == 0) return 0;
        return shared == 0 ? double.PositiveInfinity : (double)differing / shared;
    }

    /// <summary>
    /// Distances from <paramref name="query"/> (<c>bytesPerCode</c> bytes) to each of the
    /// <c>codes.Length / bytesPerCode</c> codes in <paramref name="codes"/>; <paramref name="distances"/> must hold that many.
    /// </summary>
    public static void OneToMany(ReadOnlySpan<byte> query, ReadOnlySpan<byte> codes, Span<double> distances)
    {
        int bytes = query.Length;
        if (bytes == 0) throw new ArgumentException("query is empty", nameof(query));
        if (codes.Length % bytes != 0) throw new ArgumentException($"codes length {codes.Length} is not a multiple of {bytes}", nameof(codes));
        int n = codes.Length / bytes;
        if (distances.Length < n) throw new ArgumentException($"distances holds {distances.Length}, needs {n}", nameof(distances));
        for (int i = 0; i < n; i++) distances[i] = Between(query, codes.Slice(i * bytes, bytes));
    }
}
