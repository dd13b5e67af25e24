using Sigah.Core;
using Sigah.Core.Knn;
using Sigah.Core.Progress;
using Sigah.IO;

namespace Sigah.IO;

/// <summary>
/// Exact ground truth from files to files (what <c>sigah gt</c> runs): streams the base from its file, holds the
/// queries in memory, and writes ids (<c>.npy</c> int64 or <c>.ivecs</c>) and optionally squared L2 distances
/// (<c>.npy</c> float32). Each query gets its <see cref="K"/> nearest base vectors, or its nearest
/// <see cref="Percent"/> % of the base (<see cref="PercentOfBase"/>); exactly one of the two is given. Output paths
/// are checked before the long computation starts.
/// </summary>
internal sealed record GroundTruthJob(string BaseSpec, string QuerySpec, int? K, string IdsPath, string? DistancesPath = null,
    float? Scale = null, int Threads = 0, double? Percent = null)
{
    /// <summary>
    /// Runs the job: <see cref="K"/> (at least 1) or <see cref="Percent"/> (in (0, 100]) must be given, not both;
    /// problems with inputs or outputs are one-line <see cref="UserInputException"/>s.
    /// </summary>
    public KnnResult Run(IProgressSink? progress = null)
    {
        if ((K is null) == (Percent is null)) throw new InvalidOperationException("a ground-truth job needs exactly one of K and Percent");
        if (K < 1) throw new InvalidOperationException($"K must be at least 1, got {K}");
        if (Percent is { } p && !(p > 0 && p <= 100)) throw new InvalidOperationException($"Percent must be in (0, 100], got {p}");
        CheckWritable(IdsPath, NeighbourFile.Extensions);
        if (DistancesPath is not null) CheckWritable(DistancesPath, [".npy"]);
        var options = new VectorReadOptions { Scale = Scale, RequireRows = true };
        var queries = VectorFile.Read(QuerySpec, options);
        using var source = VectorFile.Open(BaseSpec, options);
        if (source.Dimension != queries.Cols)
            throw new UserInputException($"{VectorFileSpec.Parse(QuerySpec).Name}: dimension {queries.Cols} differs from {source.Name}'s {source.Dimension}");
        int k = K ?? PercentOfBase.Neighbours(Percent!.Value, source.Rows);
        var result = ExactKnn.Search(source, queries, k, Threads, progress);
        NeighbourFile.WriteIds(IdsPath, result.Ids, result.Queries, result.K);
        if (DistancesPath is not null) NeighbourFile.WriteDistances(DistancesPath, result.Distances, result.Queries, result.K);
        return result;
    }

    private static void CheckWritable(string path, IReadOnlyList<string> extensions)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (!extensions.Contains(ext))
            throw UserInputException.ForFile(path, $"unknown output extension '{ext}' (known: {string.Join(", ", extensions)})");
        AtomicFile.CheckWritable(path);
    }
}
