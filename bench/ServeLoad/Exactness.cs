using System.Globalization;

namespace Sigah.Bench.ServeLoad;

/// <summary>
/// Before any timing: the same k = 10 answers from both targets — equal ids in the same order and equal Hamming
/// distances — for <c>sample</c> queries spread evenly over the query set, and the same number of base rows.
/// </summary>
internal static class Exactness
{
    private const int ShownExamples = 5;

    public static async Task<CheckResult> CheckAsync(ITarget sigah, ITarget postgres, int queryCount, int sample)
    {
        sample = Math.Min(sample, queryCount);
        await using var a = await sigah.ConnectAsync().ConfigureAwait(false);
        await using var b = await postgres.ConnectAsync().ConfigureAwait(false);
        int mismatches = 0;
        var examples = new List<string>();
        for (int s = 0; s < sample; s++)
        {
            int q = (int)((long)s * queryCount / sample);
            var (sigahIds, sigahDistances) = await a.AnswerAsync(q).ConfigureAwait(false);
            var (pgIds, pgDistances) = await b.AnswerAsync(q).ConfigureAwait(false);
            if (sigahIds.SequenceEqual(pgIds) && sigahDistances.SequenceEqual(pgDistances)) continue;
            mismatches++;
            if (examples.Count < ShownExamples)
                examples.Add(string.Create(CultureInfo.InvariantCulture,
                    $"query {q}: sigah [{Pairs(sigahIds, sigahDistances)}] PostgreSQL [{Pairs(pgIds, pgDistances)}]"));
        }
        return new CheckResult(sample, mismatches, await sigah.CountAsync().ConfigureAwait(false), await postgres.CountAsync().ConfigureAwait(false), examples);
    }

    private static string Pairs(long[] ids, int[] distances) =>
        string.Join(' ', ids.Zip(distances, (id, d) => string.Create(CultureInfo.InvariantCulture, $"{id}:{d}")));
}
