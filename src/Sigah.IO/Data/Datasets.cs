using Sigah.Core;
using Sigah.Core.Progress;

namespace Sigah.IO.Data;

/// <summary>
/// Loads a dataset by name (<c>fashion-mnist</c>) or by path: a directory or file prefix in the SIFT1M/GIST1M
/// layout (<c>*_base.fvecs</c>, <c>*_query.fvecs</c>, optional <c>*_learn.fvecs</c> and <c>*_groundtruth.ivecs</c>),
/// a directory in the big-ann/Deep1M layout (<c>*base*.fbin</c>, <c>*query*.fbin</c>, optional
/// <c>*groundtruth*.ibin</c>), or an ann-benchmarks HDF5 file (<c>train</c>, <c>test</c>, optional <c>neighbors</c>).
/// </summary>
public static class Datasets
{
    /// <summary>The dataset names <see cref="Load"/> knows.</summary>
    public static readonly IReadOnlyList<string> Names = [FashionMnist.Name];

    /// <summary>Loads <paramref name="nameOrPath"/>; problems are one-line <see cref="UserInputException"/>s.</summary>
    public static Dataset Load(string nameOrPath, IProgressSink? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        return nameOrPath == FashionMnist.Name
            ? FashionMnist.Load(progress: progress)
            : PathDataset.Load(nameOrPath);
    }
}
