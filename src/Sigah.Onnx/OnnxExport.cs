using Sigah.IO;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.AnchorGraphHashing;
using Sigah.Hashing.Linear;
using Sigah.Hashing.Neural;
using Sigah.Hashing.Spectral;
using Sigah.Hashing.Spherical;
using Sigah.Hashing.StochasticGenerative;

namespace Sigah.Onnx;

/// <summary>
/// Writes a trained hash model as an ONNX model (IR 8, opset 17) that maps float32 <c>vectors</c> [n, d] to uint8
/// <c>codes</c> [n, bits/8] in <see cref="Sigah.Core.Codes.PackedCodes"/> bit order, the codes <c>sigah encode</c>
/// gives. The graph computes what the C# encoder computes, in the same precision (float32, and float64 where the
/// encoder uses it); bits can differ only where a value sits within float rounding of its threshold (docs/interop.md).
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX model of <paramref name="model"/> as bytes.</summary>
    /// <exception cref="NotSupportedException">The model's type has no ONNX form.</exception>
    public static byte[] ToBytes(IHashModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var g = new OnnxGraph();
        var bits = model switch
        {
            LinearHashModel linear => Linear(g, linear.Projection),
            ItqModel itq => Linear(g, itq.Encoder),
            SpectralModel spectral => Spectral(g, spectral),
            SphericalModel spherical => Spherical(g, spherical),
            AnchorGraphModel anchorGraph => AnchorGraph(g, anchorGraph),
            StochasticGenerativeModel sgh => GraphParts.Positive(g, GraphParts.Dense(g,
                GraphParts.Standardise(g, OnnxGraph.Input, sgh.Mean, 1f / sgh.Scale), sgh.Encoder.Weight.Value, sgh.Encoder.Bias.Value, "encoder")),
            SigahModel sigah => Sigah(g, sigah),
            _ => throw new NotSupportedException($"{model.Method} models ({model.GetType().Name}) have no ONNX form"),
        };
        string description = $"sigah {model.Method} model: float32 vectors [n, {model.Dimension}] -> packed codes uint8 [n, {model.Bits / 8}], " +
            "bit j of a code in bit j % 8 of byte j / 8";
        return g.ToModel(GraphParts.Pack(g, bits, model.Bits), model.Dimension, model.Bits / 8, model.Method, description);
    }

    /// <summary>Writes the ONNX model of <paramref name="model"/> to <paramref name="path"/> (atomically: a temporary file, then a rename).</summary>
    public static void Save(IHashModel model, string path)
    {
        var bytes = ToBytes(model);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static string Linear(OnnxGraph g, LinearProjection projection) =>
        GraphParts.Positive(g, GraphParts.Affine(g, OnnxGraph.Input, projection.Mean, projection.Matrix, projection.Outputs));

    /// <summary>cos(ω_i (y[dir_i] − min[dir_i])) &gt; 0 on the PCA coordinates y, in float64 as <c>SpectralModel</c> computes it.</summary>
    private static string Spectral(OnnxGraph g, SpectralModel model)
    {
        var p = model.Projection;
        var y = GraphParts.Affine(g, OnnxGraph.Input, p.Mean, p.Matrix, p.Outputs);
        int bits = model.Bits;
        var directions = new long[bits];
        var minimums = new double[bits];
        for (int i = 0; i < bits; i++)
        {
            directions[i] = model.Directions[i];
            minimums[i] = model.Minimums[model.Directions[i]];
        }
        var chosen = g.Node("Gather", [y, g.Constant("directions", directions, bits)], ("axis", 1));
        var wide = g.Node("Cast", [chosen], ("to", OnnxGraph.DoubleType));
        var shifted = g.Node("Sub", [wide, g.Constant("minimums", minimums, bits)]);
        var phase = g.Node("Mul", [g.Constant("frequencies", model.Frequencies, bits), shifted]);
        var cosine = g.Node("Cos", [phase]);
        return g.Node("Greater", [cosine, g.Constant("zero", [0.0])]);
    }

    /// <summary>Bit i is 1 inside sphere i: squared distance to centre i ≤ its squared radius.</summary>
    private static string Spherical(OnnxGraph g, SphericalModel model)
    {
        var distances = GraphParts.SquaredDistances(g, OnnxGraph.Input, model.Centres, model.Dimension);
        return g.Node("LessOrEqual", [distances, g.Constant("squared_radii", model.SquaredRadii, model.Bits)]);
    }

    /// <summary>
    /// The s nearest anchors (TopK, ties to the smaller index as <c>AnchorGraph.SelectNearest</c>), their Gaussian
    /// weights normalised in float64 as <c>AnchorGraph.KernelWeights</c>, then the weighted sum of their projection rows.
    /// </summary>
    private static string AnchorGraph(OnnxGraph g, AnchorGraphModel model)
    {
        int s = model.Neighbours, bits = model.Bits;
        var distances = GraphParts.SquaredDistances(g, OnnxGraph.Input, model.AnchorPoints, model.Dimension);
        var nearest = g.NodeWithOutputs("TopK", 2, [distances, g.Constant("neighbours", [(long)s], 1)], ("axis", 1), ("largest", 0), ("sorted", 1));
        var wide = g.Node("Cast", [nearest[0]], ("to", OnnxGraph.DoubleType));
        var closest = g.Node("Gather", [wide, g.Constant("first", [0L], 1)], ("axis", 1));
        var shifted = g.Node("Sub", [wide, closest]);
        double scale = 1.0 / ((double)model.Bandwidth * model.Bandwidth);
        var kernel = g.Node("Exp", [g.Node("Mul", [shifted, g.Constant("minus_inverse_bandwidth", [-scale])])]);
        var total = g.Node("ReduceSum", [kernel, g.Constant("row_axis", [1L], 1)], ("keepdims", 1));
        var weights = g.Node("Cast", [g.Node("Div", [kernel, total])], ("to", OnnxGraph.FloatType));
        var rows = g.Node("Gather", [g.Constant("anchor_projection", model.Projection, model.Anchors, bits), nearest[1]], ("axis", 0));
        var weighted = g.Node("Mul", [rows, g.Node("Unsqueeze", [weights, g.Constant("last_axis", [2L], 1)])]);
        var embedding = g.Node("ReduceSum", [weighted, g.Constant("neighbour_axis", [1L], 1)], ("keepdims", 0));
        return GraphParts.Positive(g, embedding);
    }

    /// <summary>The generator: standardise, the input components where the model has them, dense → ReLU → dense, signs.</summary>
    private static string Sigah(OnnxGraph g, SigahModel model)
    {
        var x = GraphParts.Standardise(g, OnnxGraph.Input, model.Mean, 1f / model.Scale);
        if (model.Components is { } components)
            x = g.Node("MatMul", [x, g.Constant("input_components", components, model.Dimension, components.Length / model.Dimension)]);
        var hidden = (Dense)model.Generator.Layers[0];
        var output = (Dense)model.Generator.Layers[^1];
        var h = g.Node("Relu", [GraphParts.Dense(g, x, hidden.Weight.Value, hidden.Bias.Value, "hidden")]);
        return GraphParts.Positive(g, GraphParts.Dense(g, h, output.Weight.Value, output.Bias.Value, "output"));
    }
}
