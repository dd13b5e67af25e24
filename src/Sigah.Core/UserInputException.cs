using System.Globalization;
using System.Text;

namespace Sigah.Core;

/// <summary>
/// A problem with what the user gave (a file, an option, a value), as opposed to a bug in Sigah.
/// The message is one line that names the file or option and the problem; the CLI prints it as
/// <c>error: {Message}</c> and exits with code 1. Control characters in the message (from a file name or
/// bytes of a damaged file) are escaped, so the message stays one line whatever it quotes.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Longest value <see cref="Quote"/> shows before cutting it short.</summary>
    public const int MaxQuotedLength = 40;

    /// <summary>Creates the exception with its one-line message.</summary>
    public UserInputException(string message) : base(Escape(message)) { }

    /// <summary>Creates the exception with its one-line message and the low-level cause.</summary>
    public UserInputException(string message, Exception inner) : base(Escape(message), inner) { }

    /// <summary>Builds the conventional "<c>{file}: {problem}</c>" message, with the file's name only.</summary>
    public static UserInputException ForFile(string path, string problem) =>
        new($"{Path.GetFileName(path)}: {problem}");

    /// <summary>As <see cref="ForFile(string, string)"/>, keeping the low-level cause.</summary>
    public static UserInputException ForFile(string path, string problem, Exception inner) =>
        new($"{Path.GetFileName(path)}: {problem}", inner);

    /// <summary>
    /// A value read from a file, in single quotes, for an error message: at most <see cref="MaxQuotedLength"/>
    /// characters (longer values end in <c>...</c>), since a damaged file can hold anything.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}...'";
    }

    private static string Escape(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Any(char.IsControl)) return message;
        var text = new StringBuilder(message.Length + 16);
        foreach (char c in message)
        {
            if (!char.IsControl(c)) text.Append(c);
            else if (c == '\n') text.Append("\\n");
            else if (c == '\r') text.Append("\\r");
            else if (c == '\t') text.Append("\\t");
            else text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
