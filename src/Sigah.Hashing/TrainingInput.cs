using System.Numerics;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>
/// The checks every hasher runs on its training vectors before fitting, so that bad input gives the same
/// one-line user errors whatever the method (the shared conformance test holds every hasher to them).
/// </summary>
internal static class TrainingInput
{
    /// <summary>
    /// Throws a <see cref="UserInputException"/> naming <see cref="TrainingContext.InputName"/> when
    /// <paramref name="train"/> has no rows or no columns, or a row holds NaN or an infinity.
    /// </summary>
    public static void Check(FloatMatrix train, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        if (train.Rows == 0 || train.Cols == 0)
            throw UserInputException.ForFile(context.InputName, $"no training vectors ({train.Rows} x {train.Cols})");
        int bad = FirstNonFiniteRow(train.Data, train.Cols);
        if (bad >= 0) throw UserInputException.ForFile(context.InputName, $"row {bad} has a non-finite value");
    }

    /// <summary>
    /// Throws a <see cref="CodeLengthException"/> for a method that makes at most one bit per input dimension
    /// (PCA-based methods) when <paramref name="bits"/> exceeds <paramref name="dimension"/>.
    /// </summary>
    public static void CheckBitsAtMostDimension(string method, int bits, int dimension)
    {
        if (bits > dimension)
            throw new CodeLengthException(bits, CodeLengthLimit.InputDimension,
                $"{method} gives at most one bit per input dimension, so {bits} bits need at least {bits}-dimensional input (got {dimension})");
    }

    /// <summary>Index of the first row (of <paramref name="cols"/> values) holding NaN or ±∞ in <paramref name="values"/>, or −1.</summary>
    public static int FirstNonFiniteRow(ReadOnlySpan<float> values, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        int rows = values.Length / cols;
        for (int r = 0; r < rows; r++)
            if (!AllFinite(values.Slice(r * cols, cols))) return r;
        return -1;
    }

    /// <summary>x − x is 0 for finite x and NaN for NaN and ±∞, so one NaN lane in the running sum flags the span.</summary>
    private static bool AllFinite(ReadOnlySpan<float> x)
    {
        var acc = Vector<float>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(x.Slice(i));
            acc += v - v;
        }
        float tail = 0f;
        for (; i < x.Length; i++) tail += x[i] - x[i];
        return Vector.Sum(acc) == 0f && tail == 0f;
    }
}
