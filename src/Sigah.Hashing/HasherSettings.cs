using System.Globalization;

namespace Sigah.Hashing;

/// <summary>
/// A method's settings by name, each given as text — what <c>sigah train --param name=value</c> and
/// <c>sigah bench --param method.name=value</c> pass — and the property of the method's options each one sets.
/// <see cref="HasherInfo.Create"/> builds a hasher from them.
/// </summary>
public abstract class HasherSettings
{
    private protected HasherSettings() { }

    /// <summary>The setting names, in the order they are read.</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>The name of the setting that sets <paramref name="propertyName"/> of the options, or null when none does (the code length).</summary>
    public abstract string? NameOf(string propertyName);

    /// <summary>
    /// The hasher for codes of <paramref name="bits"/> bits with each setting of <paramref name="values"/> that has a
    /// name here read over the defaults (names it does not know are the caller's to refuse). The code length is checked
    /// first, then each value's text in the order of <see cref="Names"/> (<see cref="SettingException"/>), then the
    /// options as a whole (<see cref="OptionOutOfRangeException"/>).
    /// </summary>
    internal abstract IHasher Create(int bits, IReadOnlyDictionary<string, string> values);
}

/// <summary>
/// The settings of a method whose options are <typeparamref name="TOptions"/>: the defaults at a code length, how a
/// hasher is built from options, and one entry per setting, added by <see cref="WholeNumber"/>, <see cref="Real"/>,
/// <see cref="Flag"/>, <see cref="Choice{TEnum}"/> or <see cref="Words{TValue}"/>.
/// </summary>
internal sealed class HasherSettings<TOptions> : HasherSettings where TOptions : HasherOptions
{
    private readonly Func<int, TOptions> _defaults;
    private readonly Func<TOptions, IHasher> _create;
    private readonly List<(string Name, string Property, Func<TOptions, string, TOptions> Read)> _settings = [];

    /// <summary>Settings of a method whose options at a code length are <paramref name="defaults"/> and whose hasher <paramref name="create"/> builds.</summary>
    public HasherSettings(Func<int, TOptions> defaults, Func<TOptions, IHasher> create)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(create);
        _defaults = defaults;
        _create = create;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Names => _settings.Select(s => s.Name).ToArray();

    /// <inheritdoc/>
    public override string? NameOf(string propertyName) => _settings.FirstOrDefault(s => s.Property == propertyName).Name;

    /// <summary>A whole number (<see cref="int"/>, invariant culture) setting <paramref name="property"/> through <paramref name="set"/>.</summary>
    public HasherSettings<TOptions> WholeNumber(string name, string property, Func<TOptions, int, TOptions> set) =>
        Add(name, property, text => int.Parse(text, CultureInfo.InvariantCulture), set);

    /// <summary>A real number (<see cref="double"/>, invariant culture) setting <paramref name="property"/> through <paramref name="set"/>.</summary>
    public HasherSettings<TOptions> Real(string name, string property, Func<TOptions, double, TOptions> set) =>
        Add(name, property, text => double.Parse(text, CultureInfo.InvariantCulture), set);

    /// <summary>A switch written 1 (on) or 0 (off), setting <paramref name="property"/> through <paramref name="set"/>.</summary>
    public HasherSettings<TOptions> Flag(string name, string property, Func<TOptions, bool, TOptions> set) =>
        Add(name, property, text => int.Parse(text, CultureInfo.InvariantCulture) switch
        {
            1 => true,
            0 => false,
            var other => throw new SettingException(name, $"{name}={other} must be 0 or 1"),
        }, set);

    /// <summary>A member of <typeparamref name="TEnum"/> by name, any case (not by number), setting <paramref name="property"/> through <paramref name="set"/>.</summary>
    public HasherSettings<TOptions> Choice<TEnum>(string name, string property, Func<TOptions, TEnum, TOptions> set) where TEnum : struct, Enum =>
        Add(name, property, text =>
            Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
                ? value
                : throw NotOneOf(name, text, Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())), set);

    /// <summary>One of the given words exactly, each standing for a value, setting <paramref name="property"/> through <paramref name="set"/>.</summary>
    public HasherSettings<TOptions> Words<TValue>(string name, string property, IReadOnlyList<(string Word, TValue Value)> words, Func<TOptions, TValue, TOptions> set) =>
        Add(name, property, text =>
        {
            foreach (var (word, value) in words)
                if (word == text) return value;
            throw NotOneOf(name, text, words.Select(w => w.Word));
        }, set);

    /// <inheritdoc/>
    internal override IHasher Create(int bits, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = _defaults(bits);
        options.ValidateBits();
        foreach (var (name, _, read) in _settings)
            if (values.TryGetValue(name, out var text)) options = read(options, text);
        return _create(options);
    }

    private HasherSettings<TOptions> Add<TValue>(string name, string property, Func<string, TValue> parse, Func<TOptions, TValue, TOptions> set)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(property);
        ArgumentNullException.ThrowIfNull(set);
        if (_settings.Any(s => s.Name == name)) throw new ArgumentException($"setting '{name}' is added twice", nameof(name));
        _settings.Add((name, property, (options, text) =>
        {
            TValue value;
            try { value = parse(text); }
            catch (FormatException) { throw new SettingException(name, $"'{name}={text}' is not a valid value"); }
            catch (OverflowException) { throw new SettingException(name, $"'{name}={text}' is out of range"); }
            return set(options, value);
        }));
        return this;
    }

    private static SettingException NotOneOf(string name, string text, IEnumerable<string> words) =>
        new(name, $"'{name}={text}' is not one of {string.Join(", ", words)}");
}
