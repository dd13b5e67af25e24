using Sigah.Core.Codes;
using Sigah.Core.Hamming;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>mAP over the full Hamming ranking with ties by the smaller index, computed plainly (a test reference).</summary>
internal sealed class BruteForceMap : IRetrievalMetric
{
    public string Name => "mAP";

    public double Score(PackedCodes baseCodes, PackedCodes queryCodes, int[][] groundTruth)
    {
        var distances = new int[baseCodes.Count];
        double total = 0;
        for (int q = 0; q < queryCodes.Count; q++)
        {
            HammingDistance.OneToMany(queryCodes.Code(q), baseCodes.Data, distances);
            var relevant = groundTruth[q];
            var ranks = new int[relevant.Length];
            for (int r = 0; r < relevant.Length; r++)
            {
                int id = relevant[r], rank = 0;
                for (int i = 0; i < distances.Length; i++)
                    if (distances[i] < distances[id] || (distances[i] == distances[id] && i < id)) rank++;
                ranks[r] = rank + 1;
            }
            Array.Sort(ranks);
            double ap = 0;
            for (int r = 0; r < ranks.Length; r++) ap += (r + 1.0) / ranks[r];
            total += ap / ranks.Length;
        }
        return total / queryCodes.Count;
    }
}
