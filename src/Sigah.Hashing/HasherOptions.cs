using System.Globalization;
using Sigah.Core;

namespace Sigah.Hashing;

/// <summary>
/// Build parameters of a hasher: the code length plus method-specific settings given as
/// <c>--param name=value</c> on the command line. Unknown names are an error, so typos do not pass silently.
/// </summary>
public sealed class HasherOptions
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Creates options for codes of <paramref name="bits"/> bits with optional extra settings.</summary>
    public HasherOptions(int bits, IReadOnlyDictionary<string, string>? values = null)
    {
        if (bits <= 0 || bits % 8 != 0 || bits > Sigah.Core.Codes.PackedCodes.MaxBits)
            throw new UserInputException($"--bits: {bits} is not a positive multiple of 8 up to {Sigah.Core.Codes.PackedCodes.MaxBits}");
        Bits = bits;
        _values = values is null ? new(StringComparer.Ordinal) : new(values, StringComparer.Ordinal);
    }

    /// <summary>Code length in bits.</summary>
    public int Bits { get; }

    /// <summary>An integer setting, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string name, int fallback) => Get(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>A floating-point setting, or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string name, double fallback) => Get(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>A string setting, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) => Get(name, fallback, s => s);

    /// <summary>Throws if a setting was given that the hasher never read (call after construction of the hasher).</summary>
    public void EnsureAllUsed(string method)
    {
        foreach (var key in _values.Keys)
            if (!_read.Contains(key))
                throw new UserInputException($"--param: '{key}' is not a setting of method '{method}'");
    }

    private T Get<T>(string name, T fallback, Func<string, T> parse)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text)) return fallback;
        try { return parse(text); }
        catch (FormatException) { throw new UserInputException($"--param: '{name}={text}' is not a valid value"); }
        catch (OverflowException) { throw new UserInputException($"--param: '{name}={text}' is out of range"); }
    }
}
