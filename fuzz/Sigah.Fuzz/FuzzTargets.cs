using Sigah.Core.IO;
using Sigah.Hashing;

namespace Sigah.Fuzz;

/// <summary>Every parser of a file a user can hand to Sigah, as a fuzz target.</summary>
internal static class FuzzTargets
{
    public static readonly FuzzTarget[] All =
    [
        new("npy", [".npy"], ReadNpy),
        new("codes", [".npy"], path => CodesFile.Read(path)),
        new("gt", [".ivecs", ".npy"], path => NeighborFile.ReadGroundTruth(path)),
        new("model", [".model"], path => ModelFile.Load(path)),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})");

    /// <summary>Reads a .npy file and converts it the ways Sigah's commands do.</summary>
    private static void ReadNpy(string path)
    {
        var array = NpyFile.Read(path);
        array.ToFloat32();
        if (array.DType is "<i4" or "<i8" or "|u1") array.ToInt32();
    }
}
