namespace Sigah.Core;

/// <summary>
/// A problem with what the user gave (a file, an option, a value), as opposed to a bug in Sigah.
/// The message is one line that names the file or option and the problem; the CLI prints it as
/// <c>error: {Message}</c> and exits with code 1.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public UserInputException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the low-level cause.</summary>
    public UserInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds the conventional "<c>{file}: {problem}</c>" message, with the file's name only.</summary>
    public static UserInputException ForFile(string path, string problem) =>
        new($"{Path.GetFileName(path)}: {problem}");

    /// <summary>As <see cref="ForFile(string, string)"/>, keeping the low-level cause.</summary>
    public static UserInputException ForFile(string path, string problem, Exception inner) =>
        new($"{Path.GetFileName(path)}: {problem}", inner);
}
