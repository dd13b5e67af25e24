using System.Globalization;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Hashing;

namespace Sigah.Cli.Commands;

/// <summary>
/// Reads the list options of <c>sigah bench</c> (<c>--methods</c>, <c>--bits</c>, <c>--seed</c>/<c>--seeds</c>); a bad
/// value is a one-line user error naming the option.
/// </summary>
internal static class BenchArguments
{
    /// <summary>The hashers named by <c>--methods</c>, in the order given and without repeats; every registered one when absent.</summary>
    public static IReadOnlyList<HasherInfo> Methods(string? text)
    {
        if (text is null) return HasherRegistry.All;
        var known = HasherRegistry.All;
        var chosen = new List<HasherInfo>();
        foreach (string name in Split(text, "--methods"))
        {
            var info = known.FirstOrDefault(h => h.Method == name)
                ?? throw new UserInputException($"--methods: unknown method '{name}' (known: {string.Join(", ", known.Select(h => h.Method))})");
            if (!chosen.Contains(info)) chosen.Add(info);
        }
        return chosen;
    }

    /// <summary>The code lengths of <c>--bits</c>, in the order given and without repeats, or <c>null</c> when absent.</summary>
    public static IReadOnlyList<int>? Bits(string? text)
    {
        if (text is null) return null;
        var lengths = new List<int>();
        foreach (string item in Split(text, "--bits"))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int b) || b <= 0 || b % 8 != 0 || b > PackedCodes.MaxBits)
                throw new UserInputException($"--bits: '{item}' is not a positive multiple of 8 up to {PackedCodes.MaxBits}");
            if (!lengths.Contains(b)) lengths.Add(b);
        }
        return lengths;
    }

    /// <summary>
    /// The training seeds: the list of <c>--seeds</c> (non-negative integers, each once), else the one seed of
    /// <c>--seed</c> (<paramref name="seed"/>, <c>null</c> when not given; 0 by default). Giving both is a user error.
    /// </summary>
    public static IReadOnlyList<int> Seeds(string? list, int? seed)
    {
        if (list is null) return [seed ?? 0];
        if (seed is not null) throw new UserInputException("--seeds: give either --seed or --seeds, not both");
        var seeds = new List<int>();
        foreach (string item in Split(list, "--seeds"))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int s))
                throw new UserInputException($"--seeds: '{item}' is not a non-negative integer");
            if (seeds.Contains(s)) throw new UserInputException($"--seeds: {s} is listed twice");
            seeds.Add(s);
        }
        return seeds;
    }

    private static string[] Split(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UserInputException($"{option}: empty list");
        return items;
    }
}
