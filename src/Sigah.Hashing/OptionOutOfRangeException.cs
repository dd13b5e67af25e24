namespace Sigah.Hashing;

/// <summary>
/// An option outside what a hasher accepts, thrown by <see cref="HasherOptions.Validate"/>:
/// <see cref="ArgumentException.ParamName"/> is the property's name and <see cref="ArgumentOutOfRangeException.ActualValue"/>
/// its value, <see cref="Requirement"/> says what the value must be and <see cref="Related"/> which other properties
/// that depends on (none for a range of its own). <see cref="Options"/> holds every value, so that a front end can
/// word the error in its own terms.
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>
    /// <paramref name="property"/> of <paramref name="options"/>, whose value is <paramref name="value"/>, fails
    /// <paramref name="requirement"/> (for example <c>must be at least 0</c>, or <c>must exceed Bits (64)</c> with
    /// <paramref name="related"/> naming <c>Bits</c>).
    /// </summary>
    public OptionOutOfRangeException(HasherOptions options, string property, object value, string requirement, params string[] related)
        : base(property, value, $"{property} {requirement}")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(related);
        Options = options;
        Requirement = requirement;
        Related = related;
    }

    /// <summary>The options that hold the value.</summary>
    public HasherOptions Options { get; }

    /// <summary>What the value must be, naming other properties by their names.</summary>
    public string Requirement { get; }

    /// <summary>The other properties <see cref="Requirement"/> depends on; empty when the value is out of a range of its own.</summary>
    public IReadOnlyList<string> Related { get; }
}
