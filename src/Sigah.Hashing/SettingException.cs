namespace Sigah.Hashing;

/// <summary>
/// A setting given by name and text (<see cref="HasherInfo.Create"/>) that the method does not have, or whose text
/// does not give a value; the message quotes what was given, for example <c>'epoch' is not a setting of method
/// 'sigah'</c> or <c>'iterations=many' is not a valid value</c>.
/// </summary>
public sealed class SettingException : Exception
{
    /// <summary>The setting <paramref name="name"/> was refused, as <paramref name="message"/> says.</summary>
    public SettingException(string name, string message) : base(message) => Name = name;

    /// <summary>The setting's name as given.</summary>
    public string Name { get; }
}
