using Sigah.Core.Blas;

namespace Sigah.Hashing.Tests;

/// <summary>
/// Tests that change <see cref="Gemm.Threads"/> or assert bit-for-bit model bytes. OpenBLAS's thread count is
/// process-wide and a product's rounding can depend on it, so these run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(nameof(BlasThreadStateCollection), DisableParallelization = true)]
public sealed class BlasThreadStateCollection;
