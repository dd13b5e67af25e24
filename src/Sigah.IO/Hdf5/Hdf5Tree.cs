using Sigah.Core;
namespace Sigah.IO.Hdf5;

/// <summary>Finds objects by path (<c>train</c>, <c>group/sub/data</c>) from the root group, following hard links.</summary>
internal static class Hdf5Tree
{
    /// <summary>Dataset names listed in a "no dataset" message before it is cut short.</summary>
    private const int MaxListedNames = 20;

    /// <summary>The object header of the dataset at <paramref name="path"/>; a one-line error when there is none.</summary>
    public static Hdf5ObjectHeader FindDataset(Hdf5File file, string path)
    {
        var (header, group, groupPath) = Walk(file, path);
        if (header is not null && header.Find(Hdf5MessageType.Layout) is not null) return header;
        // A group named instead of a dataset: list what it holds.
        if (header is not null && Hdf5Group.Links(file, header) is { } links)
            throw new UserInputException(
                $"{file.FileName}: {UserInputException.Quote(path)} is a group, not a dataset (has: {DatasetNames(file, links, path.Trim('/') + "/")})");
        throw new UserInputException($"{file.FileName}: no dataset {UserInputException.Quote(path)} (has: {DatasetNames(file, group, groupPath)})");
    }

    /// <summary>True when <paramref name="path"/> names an object.</summary>
    public static bool Exists(Hdf5File file, string path) => Walk(file, path).Header is not null;

    /// <summary>
    /// Follows <paramref name="path"/> as far as it goes: the object found (null when a link is missing) and the last
    /// group reached with its path, for listing what it holds.
    /// </summary>
    private static (Hdf5ObjectHeader? Header, List<Hdf5Link> Group, string GroupPath) Walk(Hdf5File file, string path)
    {
        var current = Hdf5ObjectHeader.Read(file, file.Superblock.RootAddress);
        var links = Hdf5Group.Links(file, current) ?? throw file.Damaged("the root object is not a group");
        string groupPath = "";
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < names.Length; i++)
        {
            var link = links.FirstOrDefault(l => l.Name == names[i]);
            if (link.Name is null) return (null, links, groupPath);
            string reached = string.Join('/', names[..(i + 1)]);
            if (!link.IsHard) throw file.Unsupported($"soft and external links ({UserInputException.Quote(reached)})");
            current = Hdf5ObjectHeader.Read(file, link.Address);
            if (i == names.Length - 1) return (current, links, groupPath);
            links = Hdf5Group.Links(file, current)
                ?? throw new UserInputException($"{file.FileName}: {UserInputException.Quote(reached)} is a dataset, not a group");
            groupPath = reached + "/";
        }
        return (null, links, groupPath);
    }

    /// <summary>The datasets among <paramref name="links"/>, sorted, as paths, at most <see cref="MaxListedNames"/>.</summary>
    private static string DatasetNames(Hdf5File file, List<Hdf5Link> links, string groupPath)
    {
        var names = links.Where(l => l.IsHard && Hdf5ObjectHeader.Read(file, l.Address).Find(Hdf5MessageType.Layout) is not null)
            .Select(l => groupPath + l.Name).Order(StringComparer.Ordinal).ToList();
        string listed = string.Join(", ", names.Take(MaxListedNames));
        return names.Count > MaxListedNames ? $"{listed}, ... {names.Count - MaxListedNames} more" : listed;
    }
}
