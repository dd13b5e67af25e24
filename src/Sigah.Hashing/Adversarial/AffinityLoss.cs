using System.Numerics.Tensors;
using Sigah.Core.Blas;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The geometry term: over every pair (i, j) of a mini-batch of n centred features xᵢ with codes bᵢ ∈ {−1, +1}ᵐ,
/// L = (1/n²) Σᵢⱼ (bᵢ·bⱼ/m − Sᵢⱼ)², with Sᵢⱼ the <see cref="AffinityTarget"/> of xᵢ and xⱼ. It asks the Hamming
/// space (bᵢ·bⱼ/m = 1 − 2·Hamming/m) to carry the feature space's pairwise geometry.
/// Gradient: dL/dbᵢ = (4 / (n² m)) Σⱼ Rᵢⱼ bⱼ with R the (symmetric) residual matrix.
/// </summary>
internal sealed class AffinityLoss
{
    private readonly int _capacity;
    private readonly float[] _normalised;
    private readonly float[] _target;
    private readonly float[] _residual;
    private readonly float[] _weights;

    /// <summary>Scratch for batches of up to <paramref name="capacity"/> rows of <paramref name="dimension"/> features and <paramref name="bits"/> code values.</summary>
    /// <remarks>
    /// <paramref name="locality"/> γ ≥ 0 weights each pair by wᵢⱼ ∝ exp(γ(Sᵢⱼ − 1)) (mean weight 1 over the batch),
    /// so near pairs — the ones a nearest-neighbour ranking is made of — count more than the many far ones; 0 weighs
    /// all pairs alike.
    /// </remarks>
    public AffinityLoss(int capacity, int dimension, int bits, AffinityTarget target, float locality = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(locality);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        _capacity = capacity;
        Dimension = dimension;
        Bits = bits;
        Target = target;
        Locality = locality;
        _normalised = new float[capacity * dimension];
        _target = new float[capacity * capacity];
        _residual = new float[capacity * capacity];
        _weights = locality > 0f ? new float[capacity * capacity] : [];
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Code length m.</summary>
    public int Bits { get; }

    /// <summary>The pair target in use.</summary>
    public AffinityTarget Target { get; }

    /// <summary>The locality γ of the pair weights (0: uniform).</summary>
    public float Locality { get; }

    /// <summary>
    /// Returns L for <paramref name="n"/> rows of <paramref name="features"/> (n × d) and <paramref name="codes"/>
    /// (n × m, any real values) and adds <c>scale · dL/dcodes</c> into <paramref name="codeGradient"/> (n × m).
    /// </summary>
    public double Compute(ReadOnlySpan<float> features, ReadOnlySpan<float> codes, int n, float scale, Span<float> codeGradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, _capacity);
        int m = Bits;
        var target = _target.AsSpan(0, n * n);
        if (Target == AffinityTarget.Euclidean) EuclideanTarget(features, n, target);
        else AngularOrCosineTarget(features, n, target);

        var residual = _residual.AsSpan(0, n * n);
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, n, m, 1f / m, codes, m, codes, m, 0f, residual, n);
        TensorPrimitives.Subtract(residual, target, residual);
        if (Locality > 0f) Weigh(target, residual);
        double loss = 0;
        for (int i = 0; i < n; i++)
            loss += TensorPrimitives.SumOfSquares(residual.Slice(i * n, n));
        loss /= (double)n * n;
        // With weights the loss is Σ w R² and its gradient carries w R: the residual now holds √w R, scale once more.
        if (Locality > 0f) TensorPrimitives.Multiply(residual, _weights.AsSpan(0, n * n), residual);
        if (scale != 0f)
            Gemm.Sgemm(Transpose.No, Transpose.No, n, m, n, 4f * scale / ((float)n * n * m), residual, n, codes, m, 1f, codeGradient, m);
        return loss;
    }

    /// <summary>Writes √wᵢⱼ into the weights and multiplies the residual by it (the loss then sums w R²).</summary>
    private void Weigh(ReadOnlySpan<float> target, Span<float> residual)
    {
        var weights = _weights.AsSpan(0, target.Length);
        for (int i = 0; i < target.Length; i++) weights[i] = MathF.Exp(Locality * (target[i] - 1f));
        float normaliser = 1f / MathF.Sqrt(TensorPrimitives.Sum(weights) / weights.Length);
        TensorPrimitives.Sqrt(weights, weights);
        TensorPrimitives.Multiply(weights, normaliser, weights);
        TensorPrimitives.Multiply(residual, weights, residual);
    }

    private void AngularOrCosineTarget(ReadOnlySpan<float> features, int n, Span<float> target)
    {
        int d = Dimension;
        for (int i = 0; i < n; i++)
        {
            var row = features.Slice(i * d, d);
            var destination = _normalised.AsSpan(i * d, d);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0f) TensorPrimitives.Divide(row, norm, destination);
            else destination.Clear();
        }
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, n, d, 1f, _normalised, d, _normalised, d, 0f, target, n);
        if (Target == AffinityTarget.Angular)
            for (int i = 0; i < target.Length; i++)
                target[i] = 1f - 2f * MathF.Acos(Math.Clamp(target[i], -1f, 1f)) / MathF.PI;
    }

    /// <summary>Sᵢⱼ = clamp(1 − ‖xᵢ − xⱼ‖ / δ, −1, 1), δ the mean distance over the pairs i ≠ j (n ≥ 2).</summary>
    private void EuclideanTarget(ReadOnlySpan<float> features, int n, Span<float> target)
    {
        int d = Dimension;
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, n, d, 1f, features, d, features, d, 0f, target, n);
        Span<float> squaredNorms = n <= 1024 ? stackalloc float[n] : new float[n];
        for (int i = 0; i < n; i++) squaredNorms[i] = target[i * n + i];
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                float distance = MathF.Sqrt(MathF.Max(0f, squaredNorms[i] + squaredNorms[j] - 2f * target[i * n + j]));
                target[i * n + j] = i == j ? 0f : distance;
                sum += distance * (i == j ? 0 : 1);
            }
        float inverseMean = n > 1 && sum > 0 ? (float)(n * (n - 1.0) / sum) : 0f;
        for (int i = 0; i < target.Length; i++) target[i] = Math.Clamp(1f - target[i] * inverseMean, -1f, 1f);
    }
}
