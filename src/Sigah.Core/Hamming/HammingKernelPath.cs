namespace Sigah.Core.Hamming;

/// <summary>Which family of kernels to use; <see cref="Best"/> unless testing or measuring a path.</summary>
internal enum HammingKernelPath
{
    /// <summary>The fastest path this machine supports.</summary>
    Best,

    /// <summary>Scalar POPCNT over 64-bit words, specialised by code length.</summary>
    Scalar,

    /// <summary>AVX2 nibble-lookup popcount over 16 codes at a time (falls back to scalar where AVX2 is absent).</summary>
    Avx2,
}
