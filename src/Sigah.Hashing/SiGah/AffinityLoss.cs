using System.Numerics.Tensors;
using Sigah.Core.Blas;

namespace Sigah.Hashing.SiGah;

/// <summary>
/// The geometry term: over every pair (i, j) of a mini-batch of n centred features xᵢ with codes bᵢ ∈ {−1, +1}ᵐ,
/// L = (1/n²) Σᵢⱼ (bᵢ·bⱼ/m − Sᵢⱼ)², with Sᵢⱼ the <see cref="AffinityTarget"/> of xᵢ and xⱼ. It asks the Hamming
/// space (bᵢ·bⱼ/m = 1 − 2·Hamming/m) to carry the feature space's pairwise geometry.
/// Gradient: dL/dbᵢ = (4 / (n² m)) Σⱼ Rᵢⱼ bⱼ with R the (symmetric) residual matrix.
/// </summary>
public sealed class AffinityLoss
{
    private readonly int _capacity;
    private readonly float[] _normalised;
    private readonly float[] _target;
    private readonly float[] _residual;

    /// <summary>Scratch for batches of up to <paramref name="capacity"/> rows of <paramref name="dimension"/> features and <paramref name="bits"/> code values.</summary>
    public AffinityLoss(int capacity, int dimension, int bits, AffinityTarget target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        _capacity = capacity;
        Dimension = dimension;
        Bits = bits;
        Target = target;
        _normalised = new float[capacity * dimension];
        _target = new float[capacity * capacity];
        _residual = new float[capacity * capacity];
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Code length m.</summary>
    public int Bits { get; }

    /// <summary>The pair target in use.</summary>
    public AffinityTarget Target { get; }

    /// <summary>
    /// Returns L for <paramref name="n"/> rows of <paramref name="features"/> (n × d) and <paramref name="codes"/>
    /// (n × m, any real values) and adds <c>scale · dL/dcodes</c> into <paramref name="codeGradient"/> (n × m).
    /// </summary>
    public double Compute(ReadOnlySpan<float> features, ReadOnlySpan<float> codes, int n, float scale, Span<float> codeGradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, _capacity);
        int d = Dimension, m = Bits;
        for (int i = 0; i < n; i++)
        {
            var row = features.Slice(i * d, d);
            var destination = _normalised.AsSpan(i * d, d);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0f) TensorPrimitives.Divide(row, norm, destination);
            else destination.Clear();
        }
        var target = _target.AsSpan(0, n * n);
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, n, d, 1f, _normalised, d, _normalised, d, 0f, target, n);
        if (Target == AffinityTarget.Angular)
            for (int i = 0; i < target.Length; i++)
                target[i] = 1f - 2f * MathF.Acos(Math.Clamp(target[i], -1f, 1f)) / MathF.PI;

        var residual = _residual.AsSpan(0, n * n);
        Gemm.Sgemm(Transpose.No, Transpose.Yes, n, n, m, 1f / m, codes, m, codes, m, 0f, residual, n);
        TensorPrimitives.Subtract(residual, target, residual);
        double loss = 0;
        for (int i = 0; i < n; i++)
            loss += TensorPrimitives.SumOfSquares(residual.Slice(i * n, n));
        loss /= (double)n * n;
        if (scale != 0f)
            Gemm.Sgemm(Transpose.No, Transpose.No, n, m, n, 4f * scale / ((float)n * n * m), residual, n, codes, m, 1f, codeGradient, m);
        return loss;
    }
}
