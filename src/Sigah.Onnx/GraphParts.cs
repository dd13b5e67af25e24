namespace Sigah.Onnx;

/// <summary>The pieces several exported models share, each mirroring the C# encoder it replaces.</summary>
internal static class GraphParts
{
    /// <summary>(x − mean)·matrix: <paramref name="mean"/> d values, <paramref name="matrix"/> d × m row-major.</summary>
    public static string Affine(OnnxGraph g, string x, ReadOnlySpan<float> mean, ReadOnlySpan<float> matrix, int m)
    {
        var centred = g.Node("Sub", [x, g.Constant("mean", mean, mean.Length)]);
        return g.Node("MatMul", [centred, g.Constant("projection", matrix, mean.Length, m)]);
    }

    /// <summary>(x − mean) · inverseScale, as <c>Standardisation.ApplyToRow</c> computes it.</summary>
    public static string Standardise(OnnxGraph g, string x, ReadOnlySpan<float> mean, float inverseScale)
    {
        var centred = g.Node("Sub", [x, g.Constant("mean", mean, mean.Length)]);
        return g.Node("Mul", [centred, g.Constant("inverse_scale", [inverseScale])]);
    }

    /// <summary>x·Wᵀ + b for a dense layer whose weight is outputs × inputs row-major.</summary>
    public static string Dense(OnnxGraph g, string x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, string hint)
    {
        int outputs = bias.Length, inputs = weight.Length / outputs;
        return g.Node("Gemm", [x, g.Constant(hint + "_weight", weight, outputs, inputs), g.Constant(hint + "_bias", bias, outputs)], ("transB", 1));
    }

    /// <summary>
    /// max(‖x‖² − 2 x·p + ‖p‖², 0) for every row x and point p (<paramref name="points"/> k × d row-major), [n, k]:
    /// the expansion <c>SquaredDistances.Compute</c> uses, with the points' squared norms from its <c>RowNorms</c>.
    /// </summary>
    public static string SquaredDistances(OnnxGraph g, string x, ReadOnlySpan<float> points, int dimension)
    {
        int k = points.Length / dimension;
        var norms = new float[k];
        Hashing.Numerics.SquaredDistances.RowNorms(points, dimension, norms);
        var transposed = new float[points.Length];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < dimension; j++) transposed[j * k + i] = points[i * dimension + j];
        var products = g.Node("MatMul", [x, g.Constant("points_t", transposed, dimension, k)]);
        var scaled = g.Node("Mul", [products, g.Constant("minus_two", [-2f])]);
        var withPoints = g.Node("Add", [scaled, g.Constant("point_norms", norms, k)]);
        var rowNorms = g.Node("ReduceSumSquare", [x], ("axes", new long[] { 1 }), ("keepdims", 1));
        var distances = g.Node("Add", [withPoints, rowNorms]);
        return g.Node("Max", [distances, g.Constant("zero", [0f])]);
    }

    /// <summary>True where the float32 <paramref name="values"/> are &gt; 0: the code bit of every sign hasher.</summary>
    public static string Positive(OnnxGraph g, string values) => g.Node("Greater", [values, g.Constant("zero", [0f])]);

    /// <summary>
    /// Packs the booleans <paramref name="bits"/> [n, m] into uint8 [n, m/8], bit j into bit j % 8 of byte j / 8
    /// (<c>PackedCodes</c> order): each group of 8 is weighted 1, 2, …, 128 and summed (exact in float32).
    /// </summary>
    public static string Pack(OnnxGraph g, string bits, int m)
    {
        var values = g.Node("Cast", [bits], ("to", OnnxGraph.FloatType));
        var groups = g.Node("Reshape", [values, g.Constant("byte_groups", [-1L, m / 8, 8], 3)]);
        var weighted = g.Node("Mul", [groups, g.Constant("bit_weights", [1f, 2f, 4f, 8f, 16f, 32f, 64f, 128f], 8)]);
        var sums = g.Node("ReduceSum", [weighted, g.Constant("last_axis", [2L], 1)], ("keepdims", 0));
        return g.Node("Cast", [sums], ("to", OnnxGraph.UInt8Type));
    }
}
