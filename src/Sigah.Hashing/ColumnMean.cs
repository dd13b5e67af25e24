using System.Numerics.Tensors;
using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>The mean of each column of a matrix.</summary>
internal static class ColumnMean
{
    private const int BlockRows = 2048;

    /// <summary>Column means (Cols values): summed in float within blocks of rows, in double across blocks.</summary>
    internal static float[] Compute(FloatMatrix data)
    {
        int d = data.Cols;
        var total = new double[d];
        var partial = new float[d];
        for (int start = 0; start < data.Rows; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, data.Rows - start);
            partial.AsSpan().Clear();
            for (int i = start; i < start + rows; i++) TensorPrimitives.Add(partial, data.Row(i), partial);
            for (int c = 0; c < d; c++) total[c] += partial[c];
        }
        var mean = new float[d];
        for (int c = 0; c < d; c++) mean[c] = (float)(total[c] / data.Rows);
        return mean;
    }
}
