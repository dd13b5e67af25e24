using System.Buffers;
using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Core.Codes;

namespace Sigah.Hashing.Linear;

/// <summary>
/// The affine map x ↦ (x − Mean)·Matrix from d input dimensions to m outputs, and its sign codes: the encoder
/// of every linear hasher (LSH, PCAH, ITQ). Work is done in blocks of rows small enough to stay in cache: each
/// block is centred into a scratch buffer and multiplied by <see cref="Matrix"/> with one <see cref="Gemm"/> call.
/// </summary>
internal sealed class LinearProjection
{
    private const int BlockRows = 256;

    /// <summary>Creates the map; the arrays are kept, not copied.</summary>
    /// <param name="mean">d values subtracted from every input.</param>
    /// <param name="matrix">d × m row-major projection (column j gives output j).</param>
    /// <param name="outputs">m, the number of outputs.</param>
    public LinearProjection(float[] mean, float[] matrix, int outputs)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfLessThan(mean.Length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (matrix.LongLength != (long)mean.Length * outputs)
            throw new ArgumentException($"matrix has {matrix.LongLength} values, expected {mean.Length} x {outputs}", nameof(matrix));
        Mean = mean;
        Matrix = matrix;
        Outputs = outputs;
    }

    /// <summary>Input dimension d.</summary>
    public int Dimension => Mean.Length;

    /// <summary>Number of outputs m.</summary>
    public int Outputs { get; }

    /// <summary>The d values subtracted before projecting.</summary>
    public float[] Mean { get; }

    /// <summary>The d × m row-major projection matrix.</summary>
    public float[] Matrix { get; }

    /// <summary>
    /// Writes (x − Mean)·Matrix for <paramref name="count"/> row-major vectors (<c>count * Dimension</c> values)
    /// into <paramref name="output"/> (<c>count * Outputs</c> values, row-major).
    /// </summary>
    public void Project(ReadOnlySpan<float> vectors, int count, Span<float> output)
    {
        CheckSizes(vectors, count, output.Length, (long)count * Outputs, nameof(output));
        int d = Dimension;
        float[] centred = ArrayPool<float>.Shared.Rent(BlockRows * d);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                Centre(vectors.Slice(start * d, rows * d), rows, centred);
                Gemm.Sgemm(Transpose.No, Transpose.No, rows, Outputs, d, 1f, centred, d, Matrix, Outputs, 0f,
                    output.Slice(start * Outputs, rows * Outputs), Outputs);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(centred);
        }
    }

    /// <summary>
    /// Encodes <paramref name="count"/> row-major vectors (<c>count * Dimension</c> values) as the signs of their
    /// projections: bit j of a code is 1 where output j is &gt; 0. <paramref name="codes"/> receives
    /// <c>count * Outputs / 8</c> bytes in <see cref="PackedCodes"/> order; Outputs must be a multiple of 8.
    /// Thread-safe.
    /// </summary>
    public void EncodeSigns(ReadOnlySpan<float> vectors, int count, Span<byte> codes)
    {
        if (Outputs % 8 != 0) throw new InvalidOperationException($"{Outputs} outputs do not pack into whole bytes");
        int bytes = Outputs / 8;
        CheckSizes(vectors, count, codes.Length, (long)count * bytes, nameof(codes));
        int d = Dimension;
        float[] centred = ArrayPool<float>.Shared.Rent(BlockRows * d);
        float[] projected = ArrayPool<float>.Shared.Rent(BlockRows * Outputs);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, count - start);
                Centre(vectors.Slice(start * d, rows * d), rows, centred);
                Gemm.Sgemm(Transpose.No, Transpose.No, rows, Outputs, d, 1f, centred, d, Matrix, Outputs, 0f, projected, Outputs);
                for (int i = 0; i < rows; i++)
                    PackedCodes.PackRow(projected.AsSpan(i * Outputs, Outputs), codes.Slice((start + i) * bytes, bytes));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(centred);
            ArrayPool<float>.Shared.Return(projected);
        }
    }

    private void Centre(ReadOnlySpan<float> block, int rows, Span<float> destination)
    {
        int d = Dimension;
        for (int i = 0; i < rows; i++)
            TensorPrimitives.Subtract(block.Slice(i * d, d), Mean, destination.Slice(i * d, d));
    }

    private void CheckSizes(ReadOnlySpan<float> vectors, int count, int outputLength, long expectedOutput, string outputName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (vectors.Length != (long)count * Dimension)
            throw new ArgumentException($"vectors has {vectors.Length} values, expected {count} x {Dimension}", nameof(vectors));
        if (outputLength != expectedOutput)
            throw new ArgumentException($"{outputName} has {outputLength} entries, expected {expectedOutput}", outputName);
    }
}
