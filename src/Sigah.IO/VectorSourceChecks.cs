using Sigah.Core.Data;
namespace Sigah.IO;

/// <summary>Argument checks shared by the <see cref="IVectorSource"/> implementations.</summary>
internal static class VectorSourceChecks
{
    /// <summary>Checks that rows start..start+count exist and that the destination holds them.</summary>
    public static void CheckRange(IVectorSource source, int start, int count, int destinationLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + (long)count > source.Rows)
            throw new ArgumentOutOfRangeException(nameof(count), $"rows {start}..{start + (long)count} exceed the {source.Rows} rows of {source.Name}");
        if (destinationLength < (long)count * source.Dimension)
            throw new ArgumentException($"destination holds {destinationLength} values, needs {(long)count * source.Dimension}", nameof(destinationLength));
    }
}
