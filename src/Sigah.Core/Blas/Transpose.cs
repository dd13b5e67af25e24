namespace Sigah.Core.Blas;

/// <summary>Whether a GEMM operand is used as stored (row-major) or transposed.</summary>
internal enum Transpose
{
    /// <summary>Use the matrix as stored.</summary>
    No = 111,
    /// <summary>Use its transpose.</summary>
    Yes = 112,
}
