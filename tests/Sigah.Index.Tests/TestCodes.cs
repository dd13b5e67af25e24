using Sigah.Core.Codes;
using Sigah.Core.Hamming;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Index.Tests;

/// <summary>Code generators and the brute-force reference every search is checked against.</summary>
internal static class TestCodes
{
    public static PackedCodes Random(int count, int bits, Random rng)
    {
        var codes = new PackedCodes(count, bits);
        rng.NextBytes(codes.Data);
        return codes;
    }

    /// <summary>Codes near a few centres (0–3 flipped bits), with exact duplicates, so distances tie often.</summary>
    public static PackedCodes Clustered(int count, int bits, Random rng, int centres = 5)
    {
        var centre = Random(Math.Max(1, centres), bits, rng);
        var codes = new PackedCodes(count, bits);
        for (int i = 0; i < count; i++)
        {
            centre.Code(rng.Next(centre.Count)).CopyTo(codes.Code(i));
            int flips = rng.Next(4);
            for (int f = 0; f < flips; f++)
            {
                int bit = rng.Next(bits);
                codes.Code(i)[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
        }
        return codes;
    }

    /// <summary>Queries drawn from <paramref name="codes"/> with a bit or two flipped (clustered queries land near clusters).</summary>
    public static PackedCodes NearCopies(PackedCodes codes, int count, Random rng)
    {
        var queries = new PackedCodes(count, codes.Bits);
        for (int q = 0; q < count; q++)
        {
            if (codes.Count > 0) codes.Code(rng.Next(codes.Count)).CopyTo(queries.Code(q));
            int bit = rng.Next(codes.Bits);
            queries.Code(q)[bit >> 3] ^= (byte)(1 << (bit & 7));
        }
        return queries;
    }

    /// <summary>
    /// A database of <paramref name="n"/> random or clustered codes and <paramref name="queryCount"/> queries: near
    /// copies of database codes when clustered (and not empty), random codes otherwise.
    /// </summary>
    public static (PackedCodes Database, PackedCodes Queries) DatabaseAndQueries(int n, int bits, bool clustered, int queryCount, Random rng)
    {
        var database = clustered ? Clustered(n, bits, rng) : Random(n, bits, rng);
        var queries = clustered && n > 0 ? NearCopies(database, queryCount, rng) : Random(queryCount, bits, rng);
        return (database, queries);
    }

    /// <summary>A requested MIH substring count made valid for <paramref name="bits"/>; 0 keeps the default.</summary>
    public static int ValidSubstrings(int requested, int bits) =>
        requested == 0 ? 0 : Math.Clamp(requested, SubstringLayout.MinimumCount(bits), bits);

    /// <summary>All distances, sorted by (distance, id), cut to k and padded with -1.</summary>
    public static (long[] Ids, int[] Distances) BruteForce(PackedCodes database, PackedCodes queries, int k, IReadOnlyList<long>? ids = null)
    {
        var resultIds = new long[queries.Count * k];
        var distances = new int[resultIds.Length];
        Array.Fill(resultIds, -1);
        Array.Fill(distances, -1);
        for (int q = 0; q < queries.Count; q++)
        {
            var ranked = Enumerable.Range(0, database.Count)
                .Select(i => (Id: ids?[i] ?? i, D: HammingDistance.Between(queries.Code(q), database.Code(i))))
                .OrderBy(x => x.D).ThenBy(x => x.Id).Take(k).ToArray();
            for (int j = 0; j < ranked.Length; j++)
            {
                resultIds[q * k + j] = ranked[j].Id;
                distances[q * k + j] = ranked[j].D;
            }
        }
        return (resultIds, distances);
    }

    /// <summary>Every code within <paramref name="radius"/>, per query, sorted by (distance, id).</summary>
    public static List<(long Id, int D)>[] BruteForceRadius(PackedCodes database, PackedCodes queries, int radius) =>
        Enumerable.Range(0, queries.Count).Select(q => Enumerable.Range(0, database.Count)
            .Select(i => (Id: (long)i, D: HammingDistance.Between(queries.Code(q), database.Code(i))))
            .Where(x => x.D <= radius).OrderBy(x => x.D).ThenBy(x => x.Id).ToList()).ToArray();

    public static List<(long Id, int D)>[] Lists(HammingRangeResult result) =>
        Enumerable.Range(0, result.Queries).Select(q =>
        {
            var ids = result.IdsOf(q).ToArray();
            var d = result.DistancesOf(q).ToArray();
            return ids.Zip(d, (i, x) => (i, x)).ToList();
        }).ToArray();
}
