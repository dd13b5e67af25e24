using System.Text.RegularExpressions;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Core.Knn;
using Sigah.Core.Progress;

namespace Sigah.Evaluation.Protocol;

/// <summary>
/// Exact Euclidean ground truth computed once per dataset, query selection and definition, and kept in a
/// directory as <c>gt-{dataset}-{n}x{d}-{queries}-{definition}.npy</c> (int64, nearest first) so later bench
/// runs skip the k-NN. A cached file whose shape or ids do not fit is recomputed.
/// </summary>
internal static partial class GroundTruthCache
{
    /// <summary>The true neighbours of every query, from the cache or computed (and cached) now.</summary>
    /// <param name="directory">Where the cache file lives (must exist).</param>
    /// <param name="cacheKey">Names the dataset and query selection in the file name (made file-name safe).</param>
    /// <param name="baseVectors">The base the neighbours are indices into.</param>
    /// <param name="queries">One row per query.</param>
    /// <param name="definition">Which base vectors count as true neighbours.</param>
    /// <param name="progress">Receives a line saying whether the cache was used, and the k-NN's progress.</param>
    /// <param name="threads">Worker threads of the k-NN; 0 means all processors.</param>
    public static int[][] LoadOrCompute(string directory, string cacheKey, FloatMatrix baseVectors, FloatMatrix queries,
        GroundTruthDefinition definition, IProgressSink progress, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(progress);
        int k = definition.NeighboursFor(baseVectors.Rows);
        string path = Path.Combine(directory, FileName(cacheKey, baseVectors, definition));
        if (File.Exists(path))
        {
            var cached = NeighbourFile.ReadGroundTruth(path);
            if (Fits(cached, queries.Rows, k, baseVectors.Rows))
            {
                progress.Message($"ground truth: {Path.GetFileName(path)} (cached)");
                return cached;
            }
            progress.Message($"ground truth: {Path.GetFileName(path)} does not fit this run; recomputing");
        }
        progress.Message($"ground truth: exact {k}-NN of {queries.Rows} queries among {baseVectors.Rows} vectors");
        var result = ExactKnn.Search(baseVectors, queries, k, threads, progress);
        NeighbourFile.WriteIds(path, result.Ids, result.Queries, result.K);
        return result.ToLists();
    }

    /// <summary>The cache file name for a base and definition.</summary>
    public static string FileName(string cacheKey, FloatMatrix baseVectors, GroundTruthDefinition definition) =>
        $"gt-{UnsafeCharacters().Replace(cacheKey, "_")}-{baseVectors.Rows}x{baseVectors.Cols}-{definition.Tag}.npy";

    private static bool Fits(int[][] lists, int queries, int k, int baseCount) =>
        lists.Length == queries && lists.All(l => l.Length == k && l.All(id => (uint)id < (uint)baseCount));

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
