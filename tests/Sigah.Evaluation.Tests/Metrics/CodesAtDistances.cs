using Sigah.Core.Codes;

namespace Sigah.Evaluation.Tests.Metrics;

/// <summary>Builds base codes whose Hamming distances to the all-zero query are given exactly.</summary>
internal static class CodesAtDistances
{
    /// <summary>Base code i has its lowest <paramref name="distances"/>[i] bits set; codes have <paramref name="bits"/> bits.</summary>
    public static PackedCodes Base(int[] distances, int bits = 8)
    {
        var codes = new PackedCodes(distances.Length, bits);
        for (int i = 0; i < distances.Length; i++)
            for (int b = 0; b < distances[i]; b++) codes.Code(i)[b >> 3] |= (byte)(1 << (b & 7));
        return codes;
    }

    /// <summary>One all-zero query code of <paramref name="bits"/> bits.</summary>
    public static PackedCodes ZeroQuery(int bits = 8) => new(1, bits);
}
