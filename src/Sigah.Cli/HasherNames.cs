using Sigah.Core;
using Sigah.Hashing;

namespace Sigah.Cli;

/// <summary>The hashing methods by the names <c>train --method</c> and <c>bench --methods</c> give.</summary>
internal static class HasherNames
{
    /// <summary>The registered method <paramref name="name"/>; a user error naming <paramref name="option"/> and listing the known methods when there is none.</summary>
    public static HasherInfo Find(string name, string option) =>
        HasherRegistry.All.FirstOrDefault(h => h.Method == name)
        ?? throw new UserInputException($"{option}: unknown method '{name}' (known: {string.Join(", ", HasherRegistry.All.Select(h => h.Method))})");
}
