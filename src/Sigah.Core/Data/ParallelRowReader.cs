using System.Runtime.ExceptionServices;

namespace Sigah.Core.Data;

/// <summary>
/// Reads a range of rows from an <see cref="IVectorSource"/> in chunks on several threads when the source allows
/// it. If several chunks fail, the error of the lowest one is rethrown, so messages name the first bad row
/// whatever the thread timing.
/// </summary>
internal static class ParallelRowReader
{
    private const int ChunkRows = 1024;

    /// <summary>Reads rows start..start+count into <paramref name="destination"/> (count × Dimension values).</summary>
    public static void Read(IVectorSource source, int start, int count, float[] destination, int threads)
    {
        int chunks = (count + ChunkRows - 1) / ChunkRows;
        int dim = source.Dimension;
        if (chunks <= 1 || threads <= 1 || !source.ConcurrentReads)
        {
            source.ReadRows(start, count, destination.AsSpan(0, count * dim));
            return;
        }
        var errors = new Exception?[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            int first = c * ChunkRows, rows = Math.Min(ChunkRows, count - first);
            try { source.ReadRows(start + first, rows, destination.AsSpan(first * dim, rows * dim)); }
            catch (Exception e) { errors[c] = e; }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error) ExceptionDispatchInfo.Throw(error);
    }
}
