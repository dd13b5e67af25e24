using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// Compressed-sensing synthesis: the m bits are read as 1-bit measurements b ≈ sign(A z) of a code z sparse in a
/// learned dictionary Ψ, recovered by T unrolled iterative-shrinkage steps (LISTA-style, Gregor &amp; LeCun 2010)
/// z₀ = 0, zₜ = soft_λ(zₜ₋₁ + η Aᵀ(b − A zₜ₋₁)), and synthesised as x̃ = Ψ z_T. Row-major batch form with
/// A stored m × k and Ψ stored k × d: vₜ = zₜ₋₁ + η (b − zₜ₋₁Aᵀ) A, zₜ = soft_λ(vₜ), X̃ = Z_T Ψ.
/// λ (k thresholds) stays non-negative so the shrinkage makes z sparse; η is one learned step size.
/// </summary>
internal sealed class IstaSynthesis : ISynthesis
{
    private readonly int _capacity;
    private readonly float[][] _pre;     // vₜ, t = 1..T (n × k each)
    private readonly float[][] _codes;   // zₜ, t = 0..T (z₀ = 0)
    private readonly float[][] _residual; // rₜ = b − zₜ₋₁Aᵀ (n × m each)
    private readonly float[] _output;
    private readonly float[] _gz, _gv, _gr;
    private int _batch;

    /// <summary>A module for <paramref name="bits"/>-bit codes, <paramref name="atoms"/> dictionary atoms, <paramref name="dimension"/> features and <paramref name="steps"/> unrolled steps.</summary>
    public IstaSynthesis(int bits, int atoms, int dimension, int steps, int capacity, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atoms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentNullException.ThrowIfNull(random);
        Bits = bits;
        Atoms = atoms;
        Dimension = dimension;
        Steps = steps;
        _capacity = capacity;
        Measurement = new Parameter("ista.A", bits * atoms, decays: true);
        Dictionary = new Parameter("ista.psi", atoms * dimension, decays: true);
        Threshold = new Parameter("ista.lambda", atoms, decays: false);
        StepSize = new Parameter("ista.eta", 1, decays: false);
        Parameters = [Measurement, Dictionary, Threshold, StepSize];
        // A with unit-variance entries over √m keeps ‖Aᵀb‖ per atom near 1 for ±1 codes; Ψ starts small and learns.
        Initialisation.FillNormal(Measurement.Value, 1.0 / Math.Sqrt(bits), random);
        Initialisation.FillNormal(Dictionary.Value, 1.0 / Math.Sqrt(atoms), random);
        Array.Fill(Threshold.Value, 0.1f);
        StepSize.Value[0] = 0.5f;
        _pre = new float[steps][];
        _residual = new float[steps][];
        _codes = new float[steps + 1][];
        for (int t = 0; t < steps; t++)
        {
            _pre[t] = new float[capacity * atoms];
            _residual[t] = new float[capacity * bits];
        }
        for (int t = 0; t <= steps; t++) _codes[t] = new float[capacity * atoms];
        _output = new float[capacity * dimension];
        _gz = new float[capacity * atoms];
        _gv = new float[capacity * atoms];
        _gr = new float[capacity * bits];
    }

    /// <inheritdoc/>
    public double ZeroFraction { get; private set; } = double.NaN;

    /// <summary>Code length m.</summary>
    public int Bits { get; }

    /// <summary>Dictionary size k.</summary>
    public int Atoms { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Unrolled steps T.</summary>
    public int Steps { get; }

    /// <summary>A, m × k row-major.</summary>
    public Parameter Measurement { get; }

    /// <summary>Ψ, k × d row-major (row a is atom a).</summary>
    public Parameter Dictionary { get; }

    /// <summary>λ, k shrinkage thresholds.</summary>
    public Parameter Threshold { get; }

    /// <summary>η, the step size (one value).</summary>
    public Parameter StepSize { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The sparse code z_T of the last forward pass (n × k).</summary>
    public ReadOnlySpan<float> SparseCodes => _codes[Steps].AsSpan(0, _batch * Atoms);

    /// <inheritdoc/>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> codes, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, _capacity);
        int m = Bits, k = Atoms;
        if (codes.Length < n * m) throw new ArgumentException($"codes holds {codes.Length} values, expected {n} x {m}", nameof(codes));
        _batch = n;
        float eta = StepSize.Value[0];
        _codes[0].AsSpan(0, n * k).Clear();
        for (int t = 0; t < Steps; t++)
        {
            var r = _residual[t].AsSpan(0, n * m);
            var v = _pre[t].AsSpan(0, n * k);
            codes[..(n * m)].CopyTo(r);
            Gemm.Sgemm(Transpose.No, Transpose.Yes, n, m, k, -1f, _codes[t], k, Measurement.Value, k, 1f, r, m);
            _codes[t].AsSpan(0, n * k).CopyTo(v);
            Gemm.Sgemm(Transpose.No, Transpose.No, n, k, m, eta, r, m, Measurement.Value, k, 1f, v, k);
            var z = _codes[t + 1].AsSpan(0, n * k);
            for (int i = 0; i < n; i++)
                MaskedKernels.SoftThreshold(v.Slice(i * k, k), Threshold.Value, z.Slice(i * k, k));
        }
        var output = _output.AsSpan(0, n * Dimension);
        Gemm.Sgemm(Transpose.No, Transpose.No, n, Dimension, k, 1f, _codes[Steps], k, Dictionary.Value, Dimension, 0f, output, Dimension);
        ZeroFraction = (double)_codes[Steps].AsSpan(0, n * k).Count(0f) / (n * k);
        return output;
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> syntheticGradient, Span<float> codeGradient)
    {
        int n = _batch, m = Bits, k = Atoms, d = Dimension;
        if (n == 0) throw new InvalidOperationException("Backward needs a forward pass first");
        float eta = StepSize.Value[0];
        // X̃ = Z_T Ψ: dΨ += Z_Tᵀ dX̃, dZ_T = dX̃ Ψᵀ.
        Gemm.Sgemm(Transpose.Yes, Transpose.No, k, d, n, 1f, _codes[Steps], k, syntheticGradient, d, 1f, Dictionary.Gradient, d);
        var gz = _gz.AsSpan(0, n * k);
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, k, d, 1f, syntheticGradient, d, Dictionary.Value, d, 0f, gz, k);
        var gv = _gv.AsSpan(0, n * k);
        var gr = _gr.AsSpan(0, n * m);
        double etaGradient = 0;
        for (int t = Steps - 1; t >= 0; t--)
        {
            var v = _pre[t].AsSpan(0, n * k);
            for (int i = 0; i < n; i++)
                MaskedKernels.SoftThresholdBackward(v.Slice(i * k, k), Threshold.Value, gz.Slice(i * k, k), gv.Slice(i * k, k), Threshold.Gradient);
            // vₜ = zₜ₋₁ + η rₜ A with rₜ = b − zₜ₋₁Aᵀ.
            var r = _residual[t].AsSpan(0, n * m);
            // dη += Σ dv ⊙ (r A): computed as Σ (dv Aᵀ) ⊙ r, which reuses dr.
            Gemm.Sgemm(Transpose.No, Transpose.Yes, n, m, k, 1f, gv, k, Measurement.Value, k, 0f, gr, m);
            etaGradient += TensorPrimitives.Dot(gr, r);
            // dA += η rᵀ dv − η (dv Aᵀ)ᵀ zₜ₋₁ = η (rᵀ dv − grᵀ zₜ₋₁).
            Gemm.Sgemm(Transpose.Yes, Transpose.No, m, k, n, eta, r, m, gv, k, 1f, Measurement.Gradient, k);
            if (t > 0)
                Gemm.Sgemm(Transpose.Yes, Transpose.No, m, k, n, -eta, gr, m, _codes[t], k, 1f, Measurement.Gradient, k);
            // db += η dv Aᵀ; dzₜ₋₁ = dv − η (dv Aᵀ) A.
            TensorPrimitives.MultiplyAdd(gr, eta, codeGradient[..(n * m)], codeGradient[..(n * m)]);
            if (t > 0)
            {
                gv.CopyTo(gz);
                Gemm.Sgemm(Transpose.No, Transpose.No, n, k, m, -eta, gr, m, Measurement.Value, k, 1f, gz, k);
            }
        }
        StepSize.Gradient[0] += (float)etaGradient;
    }

    /// <inheritdoc/>
    public void Project()
    {
        var lambda = Threshold.Value.AsSpan();
        TensorPrimitives.Max(lambda, 0f, lambda);
    }
}
