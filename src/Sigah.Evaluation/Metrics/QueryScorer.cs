using Sigah.Core.Codes;
using Sigah.Core.Hamming;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Scores one query against every base code without sorting the base: Hamming distances take only the values
/// 0..bits, so one pass in base order builds the histogram of all distances and, for each true neighbour,
/// its distance and how many items at that distance precede it. Each neighbour's rank under "ties by smaller
/// index" follows from prefix sums of the histogram, and the expected AP over random tie order follows in
/// closed form per distance. One instance per thread: it owns buffers of
/// <see cref="BlockItems"/> distances and a few of length bits + 2 and of the longest neighbour list.
/// </summary>
internal sealed class QueryScorer
{
    /// <summary>Base codes whose distances are computed per kernel call (16 KB of distances stays in L1).</summary>
    public const int BlockItems = 4096;

    /// <summary>Tie groups up to this size sum their harmonic terms directly rather than by differences of <c>H</c>.</summary>
    private const int DirectSumMaxGroup = 64;

    private readonly PackedCodes _base;
    private readonly int _bits;
    private readonly double[] _harmonic;
    private readonly int[] _distances = new int[BlockItems];
    private readonly int[] _all, _relevant, _allBefore, _relevantBefore;
    private int[] _neighbours = [], _neighbourDistance = [], _precedingTies = [], _tieOrder = [], _ranks = [];

    /// <param name="baseCodes">Codes ranked for every query.</param>
    /// <param name="harmonic">Harmonic numbers <c>H[i] = 1 + 1/2 + … + 1/i</c> for i = 0..base count.</param>
    public QueryScorer(PackedCodes baseCodes, double[] harmonic)
    {
        _base = baseCodes;
        _bits = baseCodes.Bits;
        _harmonic = harmonic;
        _all = new int[_bits + 1];
        _relevant = new int[_bits + 1];
        _allBefore = new int[_bits + 1];
        _relevantBefore = new int[_bits + 1];
    }

    /// <summary>
    /// Scores <paramref name="query"/> (BytesPerCode bytes) whose true neighbours are <paramref name="truth"/>
    /// (distinct base indices, any order). <paramref name="hitsAtCutoff"/> receives, per entry of
    /// <paramref name="cutoffs"/>, how many neighbours rank within that depth; <paramref name="precision"/> and
    /// <paramref name="recall"/> (length bits + 1) receive the Hamming-ball precision and recall per radius.
    /// </summary>
    public void Score(ReadOnlySpan<byte> query, int[] truth, IReadOnlyList<int> cutoffs,
        out double averagePrecision, out double tieAveragedPrecision,
        Span<int> hitsAtCutoff, Span<double> precision, Span<double> recall)
    {
        int r = truth.Length;
        EnsureNeighbourCapacity(r);
        var neighbours = _neighbours.AsSpan(0, r);
        truth.CopyTo(neighbours);
        neighbours.Sort();
        ScanBase(query, neighbours);

        Array.Clear(_relevant);
        var tieOrder = _tieOrder.AsSpan(0, r);
        for (int p = 0; p < r; p++) tieOrder[p] = _relevant[_neighbourDistance[p]]++;
        int allSoFar = 0, relevantSoFar = 0;
        for (int d = 0; d <= _bits; d++)
        {
            _allBefore[d] = allSoFar;
            _relevantBefore[d] = relevantSoFar;
            allSoFar += _all[d];
            relevantSoFar += _relevant[d];
            precision[d] = allSoFar == 0 ? 0 : (double)relevantSoFar / allSoFar;
            recall[d] = (double)relevantSoFar / r;
        }

        double apSum = 0;
        var ranks = _ranks.AsSpan(0, r);
        for (int p = 0; p < r; p++)
        {
            int d = _neighbourDistance[p];
            int rank = _allBefore[d] + _precedingTies[p] + 1;
            apSum += (double)(_relevantBefore[d] + tieOrder[p] + 1) / rank;
            ranks[p] = rank;
        }
        averagePrecision = apSum / r;

        ranks.Sort();
        for (int c = 0, p = 0; c < cutoffs.Count; c++)
        {
            while (p < r && ranks[p] <= cutoffs[c]) p++;
            hitsAtCutoff[c] = p;
        }

        double tieSum = 0;
        for (int d = 0; d <= _bits; d++)
            if (_relevant[d] > 0) tieSum += ExpectedPrecisionSum(_allBefore[d], _all[d], _relevantBefore[d], _relevant[d]);
        tieAveragedPrecision = tieSum / r;
    }

    /// <summary>
    /// One pass over the base in index order: fills the distance histogram and, for the p-th neighbour in
    /// index order, its distance and the number of base items at that distance with a smaller index.
    /// </summary>
    private void ScanBase(ReadOnlySpan<byte> query, ReadOnlySpan<int> neighbours)
    {
        Array.Clear(_all);
        int bytes = _base.BytesPerCode, n = _base.Count, p = 0;
        int next = neighbours[0];
        for (int start = 0; start < n; start += BlockItems)
        {
            int count = Math.Min(BlockItems, n - start);
            var distances = _distances.AsSpan(0, count);
            HammingKernels.OneToMany(query, _base.Data.AsSpan(start * bytes, count * bytes), distances);
            for (int k = 0; k < distances.Length; k++)
            {
                int d = distances[k];
                if (start + k == next)
                {
                    _neighbourDistance[p] = d;
                    _precedingTies[p] = _all[d];
                    next = ++p < neighbours.Length ? neighbours[p] : -1;
                }
                _all[d]++;
            }
        }
    }

    /// <summary>
    /// Expected sum of precision-at-hit over a tie group of <paramref name="size"/> items, <paramref name="hits"/>
    /// of them relevant, in uniformly random order after <paramref name="before"/> items of which
    /// <paramref name="hitsBefore"/> are relevant. Position k (1-based) of the group is relevant with chance
    /// hits/size and, given that, has on average (k−1)(hits−1)/(size−1) relevant items before it within the group:
    /// sum = hits/size · Σₖ [hitsBefore + 1 + (k−1)(hits−1)/(size−1)] / (before + k).
    /// </summary>
    private double ExpectedPrecisionSum(int before, int size, int hitsBefore, int hits)
    {
        // s0 = Σ 1/(before+k), s1 = Σ (k−1)/(before+k) = size − (before+1)·s0, k = 1..size.
        double s0, s1;
        if (size <= DirectSumMaxGroup)
        {
            s0 = 0;
            s1 = 0;
            for (int k = 1; k <= size; k++)
            {
                s0 += 1.0 / (before + k);
                s1 += (k - 1.0) / (before + k);
            }
        }
        else
        {
            s0 = _harmonic[before + size] - _harmonic[before];
            s1 = size - (before + 1.0) * s0;
        }
        double withinGroup = size == 1 ? 0 : (hits - 1.0) / (size - 1) * s1;
        return (double)hits / size * ((hitsBefore + 1.0) * s0 + withinGroup);
    }

    private void EnsureNeighbourCapacity(int r)
    {
        if (_neighbours.Length >= r) return;
        _neighbours = new int[r];
        _neighbourDistance = new int[r];
        _precedingTies = new int[r];
        _tieOrder = new int[r];
        _ranks = new int[r];
    }
}
