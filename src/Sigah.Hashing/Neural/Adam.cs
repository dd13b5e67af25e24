using System.Numerics;
using System.Runtime.InteropServices;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction, and AdamW's decoupled weight decay (Loshchilov &amp; Hutter 2019)
/// when <see cref="WeightDecay"/> &gt; 0, with PyTorch's update order. At step t with gradient g:
/// <c>w ← w·(1 − lr·wd)</c> (only parameters with <see cref="Parameter.Decays"/>), <c>m ← β1·m + (1 − β1)·g</c>,
/// <c>v ← β2·v + (1 − β2)·g²</c>, <c>w ← w − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)</c>.
/// One fused SIMD pass per parameter reads g, m, v, w, writes m, v, w and clears g.
/// </summary>
internal sealed class Adam
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;

    /// <summary>An optimiser of <paramref name="parameters"/> with moments starting at zero.</summary>
    public Adam(IEnumerable<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Distinct().Count() != _parameters.Length)
            throw new ArgumentException("a parameter is listed twice", nameof(parameters));
        if (!(beta1 >= 0f && beta1 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "must be in [0, 1)");
        if (!(beta2 >= 0f && beta2 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "must be in [0, 1)");
        if (!(epsilon > 0f)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "must be positive");
        if (!(weightDecay >= 0f)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "must be non-negative");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _firstMoments = _parameters.Select(p => new float[p.Length]).ToArray();
        _secondMoments = _parameters.Select(p => new float[p.Length]).ToArray();
    }

    /// <summary>Step size lr; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate
    {
        get;
        set
        {
            if (!(value >= 0f) || !float.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be finite and non-negative");
            field = value;
        }
    }

    /// <summary>Decay rate of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the bias-corrected √v for stability.</summary>
    public float Epsilon { get; }

    /// <summary>Decoupled weight decay wd (0: plain Adam).</summary>
    public float WeightDecay { get; }

    /// <summary>Steps taken so far (t of the bias correction).</summary>
    public int StepCount { get; private set; }

    /// <summary>The optimised parameters.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Applies one update from the accumulated gradients, then sets every gradient to zero.</summary>
    /// <summary>Writes the step count, the step size and both moment estimates (a training checkpoint).</summary>
    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(StepCount);
        writer.Write(LearningRate);
        foreach (var moments in _firstMoments.Concat(_secondMoments)) ModelPayload.WriteFloats(writer, moments);
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote for the same parameters.</summary>
    internal void ReadState(BinaryReader reader)
    {
        StepCount = reader.ReadInt32();
        LearningRate = reader.ReadSingle();
        foreach (var moments in _firstMoments.Concat(_secondMoments)) ModelPayload.ReadFloats(reader, moments.Length).CopyTo(moments, 0);
    }

    public void Step()
    {
        StepCount++;
        double correction1 = 1 - Math.Pow(Beta1, StepCount), correction2 = 1 - Math.Pow(Beta2, StepCount);
        float stepSize = (float)(LearningRate / correction1);
        float inverseRootCorrection2 = (float)(1 / Math.Sqrt(correction2));
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            float decay = p.Decays ? 1f - LearningRate * WeightDecay : 1f;
            Update(p.Value, p.Gradient, _firstMoments[i], _secondMoments[i], decay, stepSize, inverseRootCorrection2);
        }
    }

    /// <summary>Sets every gradient to zero without updating.</summary>
    public void ZeroGradients()
    {
        foreach (var p in _parameters) p.ZeroGradient();
    }

    private void Update(Span<float> w, Span<float> g, Span<float> m, Span<float> v, float decay, float stepSize, float inverseRootCorrection2)
    {
        float b1 = Beta1, b2 = Beta2, c1 = 1f - Beta1, c2 = 1f - Beta2, eps = Epsilon;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rw = ref MemoryMarshal.GetReference(w), rg = ref MemoryMarshal.GetReference(g);
            ref float rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
            var vb1 = new Vector<float>(b1); var vb2 = new Vector<float>(b2);
            var vc1 = new Vector<float>(c1); var vc2 = new Vector<float>(c2);
            var vEps = new Vector<float>(eps); var vDecay = new Vector<float>(decay);
            var vStep = new Vector<float>(stepSize); var vRoot = new Vector<float>(inverseRootCorrection2);
            for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gi = Vector.LoadUnsafe(ref rg, (nuint)i);
                var mi = vb1 * Vector.LoadUnsafe(ref rm, (nuint)i) + vc1 * gi;
                var vi = vb2 * Vector.LoadUnsafe(ref rv, (nuint)i) + vc2 * gi * gi;
                var wi = Vector.LoadUnsafe(ref rw, (nuint)i) * vDecay - vStep * mi / (Vector.SquareRoot(vi) * vRoot + vEps);
                mi.StoreUnsafe(ref rm, (nuint)i);
                vi.StoreUnsafe(ref rv, (nuint)i);
                wi.StoreUnsafe(ref rw, (nuint)i);
                Vector<float>.Zero.StoreUnsafe(ref rg, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            float gi = g[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            w[i] = w[i] * decay - stepSize * m[i] / (MathF.Sqrt(v[i]) * inverseRootCorrection2 + eps);
            g[i] = 0f;
        }
    }
}
