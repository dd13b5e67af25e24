using Sigah.Hashing;

namespace Sigah.Fuzz;

/// <summary>Every parser of a file a user can hand to Sigah, as a fuzz target.</summary>
internal static class FuzzTargets
{
    public static readonly FuzzTarget[] All =
    [
        new("model", [".model"], path => ModelFile.Load(path)),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})");
}
