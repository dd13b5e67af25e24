namespace Sigah.IO.Mat;

/// <summary>
/// One variable of a MAT-file as listed: its name, why Sigah cannot read it as a matrix (null when it can: a real
/// numeric 2-D array) and how to load it.
/// </summary>
internal sealed record MatVariable(string Name, string? Problem, Func<MatMatrix> Load)
{
    /// <summary>The problem of an array with dimensions <paramref name="dims"/> (MATLAB order), or null when it is 2-D.</summary>
    public static string? ShapeProblem(IReadOnlyList<ulong> dims) =>
        dims.Count == 2 ? null : $"has {dims.Count} dimensions ({string.Join(" x ", dims)}), not 2";
}
