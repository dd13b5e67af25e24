using Sigah.Core;
namespace Sigah.IO.Mat;

/// <summary>
/// Picks the variable to read: the one named, or, when no name is given, the only real numeric 2-D matrix. Every
/// other case is a one-line error naming the file and listing the variables.
/// </summary>
internal static class MatVariableChoice
{
    /// <summary>Names listed in a message before it is cut short.</summary>
    private const int MaxListedNames = 20;

    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="variables">The file's variables; those with empty names (MATLAB's subsystem data) are never chosen.</param>
    /// <param name="name">The variable asked for, or null.</param>
    public static MatVariable Choose(string fileName, IReadOnlyList<MatVariable> variables, string? name)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var named = variables.Where(v => v.Name.Length > 0).ToList();
        if (!string.IsNullOrEmpty(name))
        {
            var found = named.FirstOrDefault(v => v.Name == name)
                ?? throw new UserInputException($"{fileName}: no variable {UserInputException.Quote(name)} (has: {List(named)})");
            if (found.Problem is not null)
                throw new UserInputException($"{fileName}: variable {UserInputException.Quote(name)} {found.Problem} (Sigah reads real numeric 2-D matrices)");
            return found;
        }
        var matrices = named.Where(v => v.Problem is null).ToList();
        return matrices.Count switch
        {
            1 => matrices[0],
            0 when named.Count == 0 => throw new UserInputException($"{fileName}: holds no variables"),
            0 => throw new UserInputException($"{fileName}: holds no real numeric 2-D matrix (has: {List(named)})"),
            _ => throw new UserInputException($"{fileName}: holds several matrices ({List(matrices)}); name one as {fileName}:NAME or with --var NAME"),
        };
    }

    private static string List(List<MatVariable> variables)
    {
        string listed = string.Join(", ", variables.Take(MaxListedNames).Select(v => v.Name));
        return variables.Count > MaxListedNames ? $"{listed}, ... {variables.Count - MaxListedNames} more" : listed;
    }
}
