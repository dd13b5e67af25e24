using Sigah.Hashing;

namespace Sigah.Evaluation.Bench;

/// <summary>
/// Method-specific settings of a bench run (<c>--param method.name=value</c>), by the names of
/// <see cref="HasherInfo.Settings"/>: each goes to its own method only; every other method keeps its defaults.
/// </summary>
public sealed class BenchParameters
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byMethod;

    /// <summary>The settings of each method named in <paramref name="byMethod"/> (method → setting name → value as given).</summary>
    public BenchParameters(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byMethod)
    {
        ArgumentNullException.ThrowIfNull(byMethod);
        _byMethod = byMethod.Where(p => p.Value.Count > 0).ToDictionary(
            p => p.Key, p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>No settings: every method at its defaults.</summary>
    public static BenchParameters None { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>Whether no method has a setting.</summary>
    public bool IsEmpty => _byMethod.Count == 0;

    /// <summary>The settings of <paramref name="method"/> (name → value as given), empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> For(string method) => _byMethod.GetValueOrDefault(method, NoSettings);

    /// <summary>
    /// Builds every method of <paramref name="methods"/> that has settings at <paramref name="bits"/> bits, so that a
    /// setting the method does not have, or a value it refuses, throws (<see cref="HasherInfo.Create"/>) before any work starts.
    /// </summary>
    public void Check(IReadOnlyList<HasherInfo> methods, int bits)
    {
        ArgumentNullException.ThrowIfNull(methods);
        foreach (var method in methods.Where(m => _byMethod.ContainsKey(m.Method)))
            method.Create(bits, For(method.Method));
    }
}
