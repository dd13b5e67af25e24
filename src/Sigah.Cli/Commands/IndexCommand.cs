using System.CommandLine;
using Sigah.Core;
using Sigah.IO;
using Sigah.Index;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah index build --codes C.npy [--ids IDS.npy] [--mih [--substrings M]] --output I</c>, and
/// <c>sigah index add</c> / <c>sigah index remove</c> to change an index file in place (atomically).
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var command = new Command("index", "Build and change Hamming index files");
        command.Subcommands.Add(Build());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Option<string?> IdsOption(string description) => new("--ids") { Description = description };

    private static Command Build()
    {
        var codes = CommonOptions.RequiredPath("--codes", "Codes to index (.npy uint8, n × bits/8)");
        var ids = IdsOption("User ids, one per code (.npy int64 or int32); default: row numbers");
        var mih = new Option<bool>("--mih") { Description = "Also build and store the multi-index hashing tables" };
        var substrings = new Option<int>("--substrings") { Description = "Multi-index substrings (0 = about bits / log2 n)", DefaultValueFactory = _ => 0 };
        var output = CommonOptions.RequiredPath("--output", "Index file to write");
        var command = new Command("build", "Build an index file from codes") { codes, ids, mih, substrings, output };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string codesPath = parse.GetValue(codes)!;
            int m = parse.GetValue(substrings);
            if (m < 0) throw new UserInputException($"--substrings must be 0 (default) or more, got {m}");
            AtomicFile.CheckWritable(parse.GetValue(output)!);
            var packed = CodesFile.Read(codesPath);
            var index = new HammingIndex(packed.Bits);
            if (parse.GetValue(ids) is { } idsPath) index.Add(packed, ReadIds(idsPath, packed.Count, codesPath));
            else index.Add(packed);
            if (parse.GetValue(mih)) BuildTables(index, m);
            index.Save(parse.GetValue(output)!);
            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command Add()
    {
        var index = CommonOptions.RequiredPath("--index", "Index file to change");
        var codes = CommonOptions.RequiredPath("--codes", "Codes to add (.npy uint8, n × bits/8)");
        var ids = IdsOption("Their ids (.npy int64 or int32); default: after the largest id held");
        var command = new Command("add", "Add codes to an index file (its multi-index tables are rebuilt if it had them)") { index, codes, ids };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string indexPath = parse.GetValue(index)!, codesPath = parse.GetValue(codes)!;
            using var opened = HammingIndex.Open(indexPath);
            var packed = CodesFile.Read(codesPath);
            if (packed.Bits != opened.Bits)
                throw UserInputException.ForFile(codesPath, $"codes have {packed.Bits} bits but {Path.GetFileName(indexPath)} holds {opened.Bits}-bit codes");
            int substrings = opened.Tables?.Layout.Count ?? -1;
            if (parse.GetValue(ids) is { } idsPath)
            {
                var newIds = ReadIds(idsPath, packed.Count, codesPath);
                var clash = newIds.FirstOrDefault(id => opened.Ids.BinarySearch(id) >= 0, -1);
                if (clash >= 0) throw UserInputException.ForFile(idsPath, $"id {clash} is already in {Path.GetFileName(indexPath)}");
                opened.Add(packed, newIds);
            }
            else opened.Add(packed);
            if (substrings > 0) BuildTables(opened, substrings);
            opened.Save(indexPath);
            return CliRunner.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var index = CommonOptions.RequiredPath("--index", "Index file to change");
        var ids = new Option<string>("--ids") { Description = "Ids to remove (.npy int64 or int32); ids not in the index are skipped", Required = true };
        var command = new Command("remove", "Remove codes by id from an index file; prints how many were removed") { index, ids };
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string indexPath = parse.GetValue(index)!, idsPath = parse.GetValue(ids)!;
            var gone = ReadIds(idsPath, null, null);
            using var opened = HammingIndex.Open(indexPath);
            int substrings = opened.Tables?.Layout.Count ?? -1;
            int removed = opened.Remove(gone);
            if (removed > 0 && substrings > 0) BuildTables(opened, substrings);
            if (removed > 0) opened.Save(indexPath);
            Console.WriteLine($"removed {removed} of {gone.Length} ids ({gone.Length - removed} not in {Path.GetFileName(indexPath)})");
            return CliRunner.Ok;
        }));
        return command;
    }

    private static void BuildTables(HammingIndex index, int substrings)
    {
        int minimum = Sigah.Index.MultiIndexHashing.SubstringLayout.MinimumCount(index.Bits);
        if (substrings != 0 && (substrings < minimum || substrings > index.Bits))
            throw new UserInputException($"--substrings must be between {minimum} and {index.Bits} for {index.Bits}-bit codes, got {substrings}");
        index.BuildMihTables(substrings);
    }

    /// <summary>Reads a 1-D (or n × 1) integer id array, checking its length against <paramref name="expected"/> codes of <paramref name="codesPath"/>.</summary>
    private static long[] ReadIds(string path, int? expected, string? codesPath)
    {
        var array = NpyFile.Read(path);
        if (array.DType is not ("<i8" or "<i4")) throw UserInputException.ForFile(path, $"ids must be int64 or int32, found '{array.DType}'");
        if (array.Shape.Length > 2 || (array.Shape.Length == 2 && array.Shape[1] != 1))
            throw UserInputException.ForFile(path, "ids must be a 1-D array");
        var ids = array.ToInt64();
        if (expected is { } n && ids.Length != n)
            throw UserInputException.ForFile(path, $"{ids.Length} ids for {n} codes in {Path.GetFileName(codesPath)}");
        foreach (long id in ids) if (id < 0) throw UserInputException.ForFile(path, $"id {id} is negative");
        var sorted = (long[])ids.Clone();
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
            if (expected is not null && sorted[i] == sorted[i - 1]) throw UserInputException.ForFile(path, $"id {sorted[i]} appears twice");
        return ids;
    }
}
