using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>
/// One-layer Anchor Graph Hashing (Liu, Wang, Kumar &amp; Chang, ICML 2011): k-means anchors, the sparse anchor
/// graph <see cref="AnchorGraph"/>, and its spectral embedding <see cref="AnchorGraphEmbedding"/>.
/// Settings: <c>anchors</c> (m, default 300), <c>neighbours</c> (s, default 5, the best of 2, 3 and 5 on
/// Fashion-MNIST), <c>kmeans-iterations</c> (default 10), <c>kmeans-samples</c> (default 100000: the anchors are
/// clustered from a seeded random subset of this many training rows, which bounds the cost on large sets, while
/// the graph always covers every row; on Fashion-MNIST clustering 20000 of the 60000 rows cost about 0.01 mAP).
/// </summary>
public sealed class AnchorGraphHasher : IHasher
{
    /// <summary>The registered method name.</summary>
    public const string MethodName = "agh";

    private readonly int _bits;
    private readonly int _anchors;
    private readonly int _neighbours;
    private readonly int _kmeansIterations;
    private readonly int _kmeansSamples;

    /// <summary>Reads the settings from <paramref name="options"/>.</summary>
    public AnchorGraphHasher(HasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bits = options.Bits;
        _anchors = options.GetInt("anchors", 300);
        _neighbours = options.GetInt("neighbours", 5);
        _kmeansIterations = options.GetInt("kmeans-iterations", 10);
        _kmeansSamples = options.GetInt("kmeans-samples", 100000);
        if (_anchors <= _bits) throw Invalid($"anchors={_anchors} must exceed --bits {_bits}");
        if (_neighbours < 1 || _neighbours > _anchors) throw Invalid($"neighbours={_neighbours} must be between 1 and anchors ({_anchors})");
        if (_kmeansIterations < 0) throw Invalid($"kmeans-iterations={_kmeansIterations} must not be negative");
        if (_kmeansSamples < _anchors) throw Invalid($"kmeans-samples={_kmeansSamples} must be at least anchors ({_anchors})");
    }

    /// <inheritdoc/>
    public string Method => MethodName;

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        if (train.Rows < _anchors)
            throw UserInputException.ForFile(context.InputName, $"anchor graph hashing with {_anchors} anchors needs at least {_anchors} training vectors, got {train.Rows}");
        var random = new Random(context.Seed);
        var sample = train.Rows <= _kmeansSamples ? train : train.SelectRows(RowSampling.Distinct(train.Rows, _kmeansSamples, random));
        var anchors = KMeans.Fit(sample, _anchors, _kmeansIterations, random, context.Cancellation);
        context.Cancellation.ThrowIfCancellationRequested();
        var graph = AnchorGraph.Build(train, anchors, _neighbours);
        var (projection, eigenvalues) = AnchorGraphEmbedding.Compute(graph, _bits);
        context.Progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"agh: {_anchors} anchors, s = {_neighbours}, sigma = {graph.Bandwidth:G4}, eigenvalues {eigenvalues[0]:G4} .. {eigenvalues[^1]:G4}"));
        return new AnchorGraphModel(train.Cols, _bits, _neighbours, graph.Bandwidth, anchors, projection);
    }

    private static UserInputException Invalid(string problem) => new($"--param: {problem}");
}
