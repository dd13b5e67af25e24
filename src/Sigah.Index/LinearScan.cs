using Sigah.Core.Codes;
using Sigah.Core.Hamming;
using Sigah.Index.Scan;

namespace Sigah.Index;

/// <summary>
/// Exact Hamming search by linear scan over packed codes, without an index: ids are code positions.
/// Queries are scanned in groups over cache-sized blocks of codes, on <c>threads</c> threads (0 = all
/// processors), keeping a bounded heap per query whose k-th distance prunes the rest of the scan.
/// </summary>
internal static class LinearScan
{
    /// <summary>The <paramref name="k"/> nearest of <paramref name="database"/> to each of <paramref name="queries"/>.</summary>
    public static HammingKnnResult Search(PackedCodes database, PackedCodes queries, int k, int threads = 0,
        HammingKernelPath path = HammingKernelPath.Best)
    {
        CheckWidths(database, queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        unsafe
        {
            fixed (byte* codes = database.Data)
            fixed (byte* query = queries.Data)
            {
                var (positions, distances) = KnnScan.Run(codes, database.Count, database.BytesPerCode, query, queries.Count, k, threads, path);
                return new HammingKnnResult(queries.Count, k, Array.ConvertAll(positions, p => (long)p), distances);
            }
        }
    }

    /// <summary>Every code of <paramref name="database"/> within <paramref name="radius"/> of each of <paramref name="queries"/>.</summary>
    public static HammingRangeResult RangeSearch(PackedCodes database, PackedCodes queries, int radius, int threads = 0,
        HammingKernelPath path = HammingKernelPath.Best)
    {
        CheckWidths(database, queries);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        unsafe
        {
            fixed (byte* codes = database.Data)
            fixed (byte* query = queries.Data)
                return HammingRangeResult.FromKeys(
                    RadiusScan.Run(codes, database.Count, database.BytesPerCode, query, queries.Count, radius, threads, path), default);
        }
    }

    private static void CheckWidths(PackedCodes database, PackedCodes queries)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(queries);
        if (database.Bits != queries.Bits)
            throw new ArgumentException($"queries have {queries.Bits} bits, the database {database.Bits}", nameof(queries));
    }
}
