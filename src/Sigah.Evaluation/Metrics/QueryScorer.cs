using Sigah.Core.Codes;
using Sigah.Core.Hamming;

namespace Sigah.Evaluation.Metrics;

/// <summary>
/// Scores one query against every base code without sorting the base: Hamming distances take only the values
/// 0..bits, so one pass in base order builds the histogram of all distances and, for each relevant item, its
/// distance and how many items at that distance precede it. Each relevant item's rank under "ties by smaller index"
/// follows from prefix sums of the histogram, the ranks come out sorted by placing each item after the relevant items
/// at smaller distances and before those at its distance with larger indices, and the expected AP over random tie
/// order follows in closed form per distance. Relevance is a neighbour list or a label compared item by item during
/// the pass. One instance per thread: it owns buffers of <see cref="BlockItems"/> distances, a few of length bits + 2
/// and four of the largest relevant count seen.
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
    private readonly int _depth;
    private readonly int[] _distances = new int[BlockItems];
    private readonly int[] _all, _relevant, _allBefore, _relevantBefore;
    private int[] _neighbours = [], _relevantDistance = [], _precedingTies = [], _ranks = [];

    /// <param name="baseCodes">Codes ranked for every query.</param>
    /// <param name="harmonic">Harmonic numbers <c>H[i] = 1 + 1/2 + … + 1/i</c> for i = 0..base count.</param>
    /// <param name="depth">K of <see cref="QueryScore.AveragePrecisionAtK"/>.</param>
    public QueryScorer(PackedCodes baseCodes, double[] harmonic, int depth)
    {
        _base = baseCodes;
        _bits = baseCodes.Bits;
        _harmonic = harmonic;
        _depth = depth;
        _all = new int[_bits + 1];
        _relevant = new int[_bits + 1];
        _allBefore = new int[_bits + 1];
        _relevantBefore = new int[_bits + 1];
    }

    /// <summary>
    /// Scores <paramref name="query"/> (BytesPerCode bytes), query <paramref name="q"/> of <paramref name="relevance"/>
    /// (which has at least one relevant item). <paramref name="hitsAtCutoff"/> receives, per entry of
    /// <paramref name="cutoffs"/>, how many relevant items rank within that depth; <paramref name="precision"/> and
    /// <paramref name="recall"/> (length bits + 1) receive the Hamming-ball precision and recall per radius.
    /// </summary>
    public QueryScore Score(ReadOnlySpan<byte> query, Relevance relevance, int q, IReadOnlyList<int> cutoffs,
        Span<int> hitsAtCutoff, Span<double> precision, Span<double> recall)
    {
        int r = relevance.RelevantCount(q);
        EnsureRelevantCapacity(r);
        switch (relevance)
        {
            case NeighbourRelevance neighbours:
                var sorted = _neighbours.AsSpan(0, r);
                neighbours.Lists[q].CopyTo(sorted);
                sorted.Sort();
                ScanNeighbours(query, sorted);
                break;
            case LabelRelevance labels:
                ScanLabel(query, labels.BaseLabels, labels.QueryLabels[q]);
                break;
        }

        Array.Clear(_relevant);
        for (int p = 0; p < r; p++) _relevant[_relevantDistance[p]]++;
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

        // Relevant items in index order: the t-th at distance d ranks after every item at smaller distances and the
        // items at d with smaller indices, and is the (relevantBefore[d] + t + 1)-th relevant item of the ranking.
        var ranks = _ranks.AsSpan(0, r);
        Array.Clear(_relevant);
        for (int p = 0; p < r; p++)
        {
            int d = _relevantDistance[p];
            ranks[_relevantBefore[d] + _relevant[d]++] = _allBefore[d] + _precedingTies[p] + 1;
        }
        double apSum = 0, apAtKSum = 0;
        int hitsAtK = 0;
        for (int i = 0; i < r; i++)
        {
            double precisionAtHit = (i + 1.0) / ranks[i];
            apSum += precisionAtHit;
            if (ranks[i] > _depth) continue;
            apAtKSum += precisionAtHit;
            hitsAtK++;
        }
        for (int c = 0, i = 0; c < cutoffs.Count; c++)
        {
            while (i < r && ranks[i] <= cutoffs[c]) i++;
            hitsAtCutoff[c] = i;
        }

        double tieSum = 0;
        for (int d = 0; d <= _bits; d++)
            if (_relevant[d] > 0) tieSum += ExpectedPrecisionSum(_allBefore[d], _all[d], _relevantBefore[d], _relevant[d]);
        return new QueryScore(apSum / r, tieSum / r, hitsAtK == 0 ? 0 : apAtKSum / hitsAtK);
    }

    /// <summary>
    /// One pass over the base in index order: fills the distance histogram and, for the p-th neighbour of
    /// <paramref name="neighbours"/> (ascending), its distance and the number of base items at that distance with a
    /// smaller index.
    /// </summary>
    private void ScanNeighbours(ReadOnlySpan<byte> query, ReadOnlySpan<int> neighbours)
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
                    _relevantDistance[p] = d;
                    _precedingTies[p] = _all[d];
                    next = ++p < neighbours.Length ? neighbours[p] : -1;
                }
                _all[d]++;
            }
        }
    }

    /// <summary>As <see cref="ScanNeighbours"/>, the relevant items being the base items labelled <paramref name="label"/>.</summary>
    private void ScanLabel(ReadOnlySpan<byte> query, int[] baseLabels, int label)
    {
        Array.Clear(_all);
        int bytes = _base.BytesPerCode, n = _base.Count, p = 0;
        for (int start = 0; start < n; start += BlockItems)
        {
            int count = Math.Min(BlockItems, n - start);
            var distances = _distances.AsSpan(0, count);
            var labels = baseLabels.AsSpan(start, count);
            HammingKernels.OneToMany(query, _base.Data.AsSpan(start * bytes, count * bytes), distances);
            for (int k = 0; k < distances.Length; k++)
            {
                int d = distances[k];
                if (labels[k] == label)
                {
                    _relevantDistance[p] = d;
                    _precedingTies[p++] = _all[d];
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

    private void EnsureRelevantCapacity(int r)
    {
        if (_ranks.Length >= r) return;
        _neighbours = new int[r];
        _relevantDistance = new int[r];
        _precedingTies = new int[r];
        _ranks = new int[r];
    }
}
