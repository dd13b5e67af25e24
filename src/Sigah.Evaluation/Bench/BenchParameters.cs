using Sigah.Core;
using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// Method-specific settings of a bench run (<c>--param method.name=value</c>): each goes to the
/// <see cref="HasherOptions"/> of its own method only; every other method keeps its defaults.
/// </summary>
public sealed class BenchParameters
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byMethod;

    private BenchParameters(Dictionary<string, IReadOnlyDictionary<string, string>> byMethod) => _byMethod = byMethod;

    /// <summary>No settings: every method at its defaults.</summary>
    public static BenchParameters None { get; } = new([]);

    /// <summary>Whether no method has a setting.</summary>
    public bool IsEmpty => _byMethod.Count == 0;

    /// <summary>The settings of <paramref name="method"/> (name → value as given), empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> For(string method) => _byMethod.GetValueOrDefault(method, NoSettings);

    /// <summary>
    /// Reads <c>method.name=value</c> tokens for a run of <paramref name="methods"/>. A token that is not of that
    /// form, names a method not being run, or repeats a method's setting is a one-line <c>--param</c> user error.
    /// </summary>
    public static BenchParameters Parse(IEnumerable<string> tokens, IReadOnlyList<HasherInfo> methods)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(methods);
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
        return new(byMethod.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// Builds every method of <paramref name="methods"/> that has settings at <paramref name="bits"/> bits, so that a
    /// setting the method does not have (named with the method) or a value it refuses is a user error before any work starts.
    /// </summary>
    public void Check(IReadOnlyList<HasherInfo> methods, int bits)
    {
        ArgumentNullException.ThrowIfNull(methods);
        foreach (var method in methods.Where(m => _byMethod.ContainsKey(m.Method)))
        {
            var options = new HasherOptions(bits, For(method.Method));
            method.Create(options);
            options.EnsureAllUsed(method.Method);
        }
    }
}
