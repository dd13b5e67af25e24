using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.AnchorGraphHashing;

/// <summary>
/// One-layer Anchor Graph Hashing (Liu, Wang, Kumar &amp; Chang, ICML 2011): k-means anchors, the sparse anchor
/// graph <see cref="AnchorGraph"/>, and its spectral embedding <see cref="AnchorGraphEmbedding"/>.
/// Options: <see cref="AnchorGraphOptions"/>.
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

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public AnchorGraphHasher(AnchorGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bits = options.Bits;
        _anchors = options.Anchors;
        _neighbours = options.Neighbours;
        _kmeansIterations = options.KMeansIterations;
        _kmeansSamples = options.KMeansSamples;
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
}
