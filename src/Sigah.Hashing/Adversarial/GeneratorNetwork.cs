using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// Builds the generator's real-valued part f: d → h (ReLU) → m, whose signs are the code. Two starts: from
/// random weights, or reproducing a linear hash x ↦ sign(x·P) exactly, using ReLU(v) − ReLU(−v) = v on 2m of the
/// hidden units (the rest start near zero and are free to learn).
/// </summary>
internal static class GeneratorNetwork
{
    /// <summary>f with Kaiming-initialised weights.</summary>
    public static Sequential CreateRandom(int dimension, int hidden, int bits, Random random) =>
        new(new Dense(dimension, hidden, WeightInit.KaimingNormal, random, "generator.hidden"),
            new Relu(hidden),
            new Dense(hidden, bits, WeightInit.XavierUniform, random, "generator.output"));

    /// <summary>
    /// f with f(x)ⱼ = ((x·P)ⱼ + cⱼ) / scaleⱼ for centred x: <paramref name="projection"/> P is d × m row-major,
    /// <paramref name="offsets"/> c has m values (empty for none) and <paramref name="scales"/> (m positive values)
    /// puts each output at unit spread, so the straight-through estimator's window |u| ≤ 1 covers most training
    /// rows. Needs <paramref name="hidden"/> ≥ 2m. The other hidden units start at <paramref name="freeScale"/> times the
    /// Kaiming scale with no outgoing weight, so f is exactly the linear map and they are free to learn.
    /// </summary>
    public static Sequential CreateFromLinear(ReadOnlySpan<float> projection, ReadOnlySpan<float> offsets, ReadOnlySpan<float> scales,
        int dimension, int hidden, float freeScale, Random random)
    {
        int bits = scales.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 2 * bits);
        if (projection.Length != dimension * bits)
            throw new ArgumentException($"projection has {projection.Length} values, expected {dimension} x {bits}", nameof(projection));
        if (!offsets.IsEmpty && offsets.Length != bits)
            throw new ArgumentException($"offsets has {offsets.Length} values, expected {bits}", nameof(offsets));
        var first = new Dense(dimension, hidden, WeightInit.KaimingNormal, random, "generator.hidden");
        var second = new Dense(hidden, bits, WeightInit.XavierUniform, random, "generator.output");
        var w1 = first.Weight.Value.AsSpan();
        for (int i = 0; i < w1.Length; i++) w1[i] *= freeScale;
        for (int j = 0; j < bits; j++)
        {
            float inverse = 1f / scales[j];
            for (int i = 0; i < dimension; i++)
            {
                float p = projection[i * bits + j] * inverse;
                w1[j * dimension + i] = p;
                w1[(bits + j) * dimension + i] = -p;
            }
        }
        // ReLU(v + c) − ReLU(−v − c) = v + c: the offset rides on the hidden biases of the pair.
        var b1 = first.Bias.Value.AsSpan();
        for (int j = 0; j < offsets.Length; j++)
        {
            b1[j] = offsets[j] / scales[j];
            b1[bits + j] = -offsets[j] / scales[j];
        }
        var w2 = second.Weight.Value.AsSpan();
        w2.Clear();
        for (int j = 0; j < bits; j++)
        {
            w2[j * hidden + j] = 1f;
            w2[j * hidden + bits + j] = -1f;
        }
        return new Sequential(first, new Relu(hidden), second);
    }
}
