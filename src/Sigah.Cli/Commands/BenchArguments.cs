using System.Globalization;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Evaluation.Bench;
using Sigah.Hashing;

namespace Sigah.Cli.Commands;

/// <summary>
/// Reads the list options of <c>sigah bench</c> (<c>--methods</c>, <c>--bits</c>, <c>--seed</c>/<c>--seeds</c>,
/// <c>--param</c>); a bad value is a one-line user error naming the option.
/// </summary>
internal static class BenchArguments
{
    /// <summary>The hashers named by <c>--methods</c>, in the order given and without repeats; every registered one when absent.</summary>
    public static IReadOnlyList<HasherInfo> Methods(string? text)
    {
        if (text is null) return HasherRegistry.All;
        var chosen = new List<HasherInfo>();
        foreach (string name in Split(text, "--methods"))
        {
            var info = HasherNames.Find(name, "--methods");
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

    /// <summary>
    /// The <c>--param method.name=value</c> settings for a run of <paramref name="methods"/>. A token that is not of that
    /// form, names a method not being run, or repeats a method's setting is a user error.
    /// </summary>
    public static BenchParameters Parameters(IEnumerable<string> tokens, IReadOnlyList<HasherInfo> methods)
    {
        var byMethod = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (string token in tokens)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) throw new UserInputException($"--param: '{token}' is not method.name=value");
            int dot = token.IndexOf('.', 0, eq);
            if (dot < 0)
                throw new UserInputException($"--param: '{token}' does not name its method; write method.name=value (e.g. sigah.epochs=2)");
            string method = token[..dot], name = token[(dot + 1)..eq];
            if (method.Length == 0 || name.Length == 0) throw new UserInputException($"--param: '{token}' is not method.name=value");
            if (!methods.Any(m => m.Method == method))
                throw new UserInputException($"--param: unknown method '{method}' in '{token}' (methods run: {string.Join(", ", methods.Select(m => m.Method))})");
            if (!byMethod.TryGetValue(method, out var settings)) byMethod[method] = settings = new(StringComparer.Ordinal);
            if (!settings.TryAdd(name, token[(eq + 1)..])) throw new UserInputException($"--param: '{token[..eq]}' is given twice");
        }
        return new BenchParameters(byMethod.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// <see cref="BenchParameters.Check"/> method by method, so that a setting a method does not have, or a value it
    /// refuses, is a user error naming it before any data is read.
    /// </summary>
    public static void CheckParameters(BenchParameters parameters, IReadOnlyList<HasherInfo> methods, int bits)
    {
        foreach (var method in methods)
            OptionErrors.Run(method, () => parameters.Check([method], bits));
    }

    private static string[] Split(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UserInputException($"{option}: empty list");
        return items;
    }
}
