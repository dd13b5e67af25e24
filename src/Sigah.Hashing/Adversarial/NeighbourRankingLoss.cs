using System.Numerics.Tensors;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The neighbour term: each anchor's code must rank its own exact Euclidean neighbours above other rows in Hamming
/// distance. Per anchor i (code bᵢ), candidates are drawn from the <see cref="CodeBank"/>: P positives among its
/// K nearest rows, hard negatives among ranks K + 1 … depth, and random rows; with logits lᶜ = κ·bᵢ·B_c/2 (which is
/// −κ·Hamming(bᵢ, B_c) plus a constant for ±1 codes) each positive p is scored against all negatives N:
/// <para>Lᵢ = (1/P) Σₚ [log(e^{lₚ} + Σ_{c∈N} e^{l_c}) − lₚ],  L = mean over anchors.</para>
/// Gradient: dL/dbᵢ = (κ/2) Σ_c g_c B_c with g_p = (σₚ − 1)/(nP), g_c = e^{l_c} Σₚ 1/(e^{lₚ} + Σ_N e)/(nP),
/// σₚ = e^{lₚ}/(e^{lₚ} + Σ_N e). The bank is held fixed (refreshed between steps), so a step needs the batch's
/// codes only. A random row may happen to be a neighbour (probability K/rows); it is left in as noise.
/// </summary>
internal sealed class NeighbourRankingLoss
{
    private readonly TrainingNeighbours _neighbours;
    private readonly CodeBank _bank;
    private readonly int _capacity, _positives, _nearest, _hard, _random, _candidates;
    private readonly float _halfKappa;
    private readonly int[] _chosen;
    private readonly float[] _logits, _positiveLogits, _positiveWeights, _codes, _gradient;
    private readonly double[] _losses;

    /// <summary>
    /// Scratch for batches of up to <paramref name="capacity"/> anchors. <paramref name="nearest"/> K ≤ the
    /// neighbours' depth; hard negatives need depth &gt; K; <paramref name="kappa"/> is the logit per bit of Hamming distance.
    /// </summary>
    public NeighbourRankingLoss(TrainingNeighbours neighbours, CodeBank bank, int capacity, int positives, int nearest,
        int hardNegatives, int randomNegatives, float kappa)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positives);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nearest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nearest, neighbours.Depth);
        ArgumentOutOfRangeException.ThrowIfNegative(hardNegatives);
        ArgumentOutOfRangeException.ThrowIfNegative(randomNegatives);
        if (hardNegatives + randomNegatives == 0)
            throw new ArgumentException("the term needs at least one negative", nameof(randomNegatives));
        if (hardNegatives > 0 && neighbours.Depth <= nearest)
            throw new ArgumentException($"hard negatives need neighbours deeper than {nearest}", nameof(hardNegatives));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kappa);
        _neighbours = neighbours;
        _bank = bank;
        _capacity = capacity;
        _positives = positives;
        _nearest = nearest;
        _hard = hardNegatives;
        _random = randomNegatives;
        _candidates = positives + hardNegatives + randomNegatives;
        _halfKappa = kappa / 2;
        _chosen = new int[capacity * _candidates];
        _logits = new float[capacity * _candidates];
        _positiveLogits = new float[capacity * positives];
        _positiveWeights = new float[capacity * positives];
        _codes = new float[capacity * bank.Bits];
        _gradient = new float[capacity * bank.Bits];
        _losses = new double[capacity];
    }

    /// <summary>Number of anchors to draw batches from.</summary>
    public int Anchors => _neighbours.Anchors.Length;

    /// <summary>Training row of anchor <paramref name="anchor"/>.</summary>
    public int RowOf(int anchor) => _neighbours.Anchors[anchor];

    /// <summary>
    /// Returns L for the anchors <paramref name="anchors"/> (n indices) whose codes are the n rows of
    /// <paramref name="codes"/> (n × bits, any real values), and adds <c>scale · dL/dcodes</c> into
    /// <paramref name="codeGradient"/> (n × bits). Candidates are drawn with <paramref name="random"/>.
    /// </summary>
    public double Compute(ReadOnlySpan<int> anchors, ReadOnlySpan<float> codes, float scale, Span<float> codeGradient, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int n = anchors.Length, m = _bank.Bits;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, _capacity);
        if (codes.Length != n * m) throw new ArgumentException($"codes has {codes.Length} values, expected {n} x {m}", nameof(codes));
        if (codeGradient.Length != n * m) throw new ArgumentException($"codeGradient has {codeGradient.Length} values, expected {n} x {m}", nameof(codeGradient));
        Draw(anchors, random);
        codes.CopyTo(_codes);
        float weight = 1f / (n * _positives);
        Parallel.For(0, n, i => _losses[i] = Anchor(i, weight));
        TensorPrimitives.MultiplyAdd(_gradient.AsSpan(0, n * m), scale * _halfKappa, codeGradient, codeGradient);
        double total = 0;
        for (int i = 0; i < n; i++) total += _losses[i];
        return total / n;
    }

    /// <summary>Draws every anchor's candidates in order (so the run depends on the seed alone): positives, hard, random.</summary>
    private void Draw(ReadOnlySpan<int> anchors, Random random)
    {
        for (int i = 0; i < anchors.Length; i++)
        {
            var ranked = _neighbours.Of(anchors[i]);
            var chosen = _chosen.AsSpan(i * _candidates, _candidates);
            int j = 0;
            for (int p = 0; p < _positives; p++) chosen[j++] = ranked[random.Next(_nearest)];
            for (int h = 0; h < _hard; h++) chosen[j++] = ranked[random.Next(_nearest, ranked.Length)];
            for (int r = 0; r < _random; r++) chosen[j++] = random.Next(_bank.Rows);
        }
    }

    /// <summary>Anchor i's loss; writes its gradient (times <paramref name="weight"/>, before κ/2) into its row of the gradient scratch.</summary>
    private double Anchor(int i, float weight)
    {
        int m = _bank.Bits;
        var code = _codes.AsSpan(i * m, m);
        var gradient = _gradient.AsSpan(i * m, m);
        var chosen = _chosen.AsSpan(i * _candidates, _candidates);
        var logits = _logits.AsSpan(i * _candidates, _candidates);
        for (int j = 0; j < chosen.Length; j++) logits[j] = _halfKappa * TensorPrimitives.Dot(code, _bank.Code(chosen[j]));
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, logits);
        var positiveLogits = _positiveLogits.AsSpan(i * _positives, _positives);
        logits[.._positives].CopyTo(positiveLogits);
        TensorPrimitives.Exp(logits, logits); // logits now hold e^{l − max}
        var positives = logits[.._positives];
        var negatives = logits[_positives..];
        double negativeSum = TensorPrimitives.Sum(negatives), loss = 0, inverseSum = 0;
        var positiveWeights = _positiveWeights.AsSpan(i * _positives, _positives);
        for (int p = 0; p < _positives; p++)
        {
            double denominator = positives[p] + negativeSum;
            loss += Math.Log(denominator) - positiveLogits[p];
            inverseSum += 1 / denominator;
            positiveWeights[p] = (float)((positives[p] / denominator - 1) * weight);
        }
        gradient.Clear();
        for (int p = 0; p < _positives; p++) TensorPrimitives.MultiplyAdd(_bank.Code(chosen[p]), positiveWeights[p], gradient, gradient);
        float negativeScale = (float)(inverseSum * weight);
        for (int j = 0; j < negatives.Length; j++)
            TensorPrimitives.MultiplyAdd(_bank.Code(chosen[_positives + j]), negatives[j] * negativeScale, gradient, gradient);
        return loss / _positives;
    }
}
