using Sigah.Core.Codes;
using Sigah.Hashing;

namespace Sigah.Server.Tests;

/// <summary>Answers computed the slow, obvious way, to compare the server with.</summary>
internal static class Reference
{
    /// <summary>Codes of <paramref name="rows"/> vectors under the model in <paramref name="modelBytes"/>.</summary>
    public static PackedCodes Encode(byte[] modelBytes, float[] vectors, int rows)
    {
        var model = ModelFile.FromBytes(modelBytes, "model");
        var codes = new PackedCodes(rows, model.Bits);
        model.Encode(vectors, rows, codes.Data);
        return codes;
    }

    /// <summary>The k nearest of <paramref name="live"/> (id → code) to <paramref name="query"/>, by (distance, id).</summary>
    public static (long[] Ids, int[] Distances) Knn(IReadOnlyDictionary<long, byte[]> live, ReadOnlySpan<byte> query, int k)
    {
        var q = query.ToArray();
        var ranked = live.Select(p => (Distance: Distance(p.Value, q), Id: p.Key)).OrderBy(p => p.Distance).ThenBy(p => p.Id).Take(k).ToArray();
        return (ranked.Select(r => r.Id).ToArray(), ranked.Select(r => r.Distance).ToArray());
    }

    /// <summary>Hamming distance of two codes.</summary>
    public static int Distance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int d = 0;
        for (int i = 0; i < a.Length; i++) d += System.Numerics.BitOperations.PopCount((uint)(a[i] ^ b[i]));
        return d;
    }
}
