using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.IO.Hdf5;

namespace Sigah.IO.Data;

/// <summary>Datasets given by path: TEXMEX directory or prefix, big-ann directory, or ann-benchmarks HDF5 file.</summary>
internal static class PathDataset
{
    private static readonly string[] TexmexVectors = [".fvecs", ".bvecs"];
    private static readonly string[] BigAnnVectors = [".fbin", ".u8bin"];

    public static Dataset Load(string path)
    {
        string full = Path.GetFullPath(path.TrimEnd('/'));
        string ext = Path.GetExtension(full).ToLowerInvariant();
        if (File.Exists(full) && ext is ".hdf5" or ".h5") return AnnBenchmarks(full);
        if (Directory.Exists(full)) return FromDirectory(full);
        if (TexmexFile(full, "_base") is not null) return Texmex(full);
        throw new UserInputException(
            $"{Path.GetFileName(full)}: not a dataset name ({string.Join(", ", Datasets.Names)}), directory, file prefix (PREFIX_base.fvecs) or HDF5 file");
    }

    /// <summary>SIFT1M/GIST1M files sharing <paramref name="prefix"/>: PREFIX_base, _query, _learn (.fvecs or .bvecs), _groundtruth.ivecs.</summary>
    private static Dataset Texmex(string prefix)
    {
        string name = Path.GetFileName(prefix);
        string baseFile = TexmexFile(prefix, "_base")!;
        string queryFile = TexmexFile(prefix, "_query") ?? throw new UserInputException($"{name}: no {name}_query.fvecs beside {Path.GetFileName(baseFile)}");
        string? learnFile = TexmexFile(prefix, "_learn");
        string gtFile = prefix + "_groundtruth.ivecs";
        return Assemble(name, baseFile, queryFile, learnFile, File.Exists(gtFile) ? () => NeighbourFile.ReadGroundTruth(gtFile) : null, gtFile);
    }

    /// <summary>
    /// An MNIST-format directory (MNIST, Fashion-MNIST, KMNIST) read by <see cref="MnistFiles"/>: <c>train-images-idx3-ubyte</c>
    /// and <c>t10k-images-idx3-ubyte</c> (each optionally .gz) with their <c>*-labels-idx1-ubyte</c> files where present;
    /// null when the images are not there.
    /// </summary>
    private static Dataset? MnistFormat(string dir, string[] files)
    {
        string? Find(string stem) => files.FirstOrDefault(f => f == stem + ".gz") ?? files.FirstOrDefault(f => f == stem);
        string? trainImages = Find("train-images-idx3-ubyte"), testImages = Find("t10k-images-idx3-ubyte");
        if (trainImages is null || testImages is null) return null;
        string? In(string? f) => f is null ? null : Path.Combine(dir, f);
        return MnistFiles.Load(Path.GetFileName(dir), In(trainImages)!, In(testImages)!,
            In(Find("train-labels-idx1-ubyte")), In(Find("t10k-labels-idx1-ubyte")));
    }

    private static Dataset FromDirectory(string dir)
    {
        string name = Path.GetFileName(dir);
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        var texmexBases = files.Where(f => TexmexVectors.Any(e => f.EndsWith("_base" + e, StringComparison.Ordinal))).ToArray();
        if (texmexBases.Length > 1)
            throw new UserInputException($"{name}: several *_base files ({string.Join(", ", texmexBases)}); give a prefix such as {Path.Combine(name, texmexBases[0][..texmexBases[0].LastIndexOf("_base", StringComparison.Ordinal)])}");
        if (texmexBases.Length == 1)
            return Texmex(Path.Combine(dir, texmexBases[0][..texmexBases[0].LastIndexOf("_base", StringComparison.Ordinal)]));

        if (MnistFormat(dir, files) is { } mnist) return mnist;
        string? baseFile = Single(name, files, "base", BigAnnVectors);
        if (baseFile is null)
            throw new UserInputException($"{name}: no dataset files found (expected *_base.fvecs, *base*.fbin, MNIST's train-images-idx3-ubyte or an HDF5 file)");
        string queryFile = Single(name, files, "query", BigAnnVectors) ?? throw new UserInputException($"{name}: no *query*.fbin beside {baseFile}");
        string? learnFile = Single(name, files, "learn", BigAnnVectors);
        string? gtFile = Single(name, files, "groundtruth", [".ibin"]);
        string In(string f) => Path.Combine(dir, f);
        return Assemble(name, In(baseFile), In(queryFile), learnFile is null ? null : In(learnFile),
            gtFile is null ? null : () => BigAnnGroundTruth.Read(In(gtFile)), gtFile ?? "");
    }

    /// <summary>ann-benchmarks layout: datasets train (base), test (queries) and optionally neighbors.</summary>
    private static Dataset AnnBenchmarks(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        var train = VectorFile.Read(path + ":train", new VectorReadOptions { RequireRows = true });
        var test = VectorFile.Read(path + ":test", new VectorReadOptions { RequireRows = true });
        CheckDimensions($"{Path.GetFileName(path)}:test", test, $"{Path.GetFileName(path)}:train", train);
        int[][]? gt = null;
        if (Hdf5IntegerDataset.Exists(path, "neighbors"))
        {
            var (ids, rows, cols) = Hdf5IntegerDataset.ReadInt32(path, "neighbors");
            gt = new int[rows][];
            for (int q = 0; q < rows; q++) gt[q] = ids.AsSpan(q * cols, cols).ToArray().Where(id => id != -1).ToArray();
            CheckGroundTruth($"{Path.GetFileName(path)}:neighbors", gt, test.Rows, train.Rows);
        }
        return new Dataset(name, train, test, gt);
    }

    private static Dataset Assemble(string name, string baseFile, string queryFile, string? learnFile, Func<int[][]>? readGroundTruth, string gtFile)
    {
        var required = new VectorReadOptions { RequireRows = true };
        var train = VectorFile.Read(baseFile, required);
        var queries = VectorFile.Read(queryFile, required);
        CheckDimensions(Path.GetFileName(queryFile), queries, Path.GetFileName(baseFile), train);
        FloatMatrix? learn = null;
        if (learnFile is not null)
        {
            learn = VectorFile.Read(learnFile, required);
            CheckDimensions(Path.GetFileName(learnFile), learn, Path.GetFileName(baseFile), train);
        }
        var gt = readGroundTruth?.Invoke();
        if (gt is not null) CheckGroundTruth(Path.GetFileName(gtFile), gt, queries.Rows, train.Rows);
        return new Dataset(name, train, queries, gt, learn);
    }

    private static void CheckDimensions(string name, FloatMatrix m, string baseName, FloatMatrix b)
    {
        if (m.Cols != b.Cols) throw new UserInputException($"{name}: dimension {m.Cols} differs from {baseName}'s {b.Cols}");
    }

    private static void CheckGroundTruth(string name, int[][] gt, int queries, int baseRows)
    {
        if (gt.Length != queries) throw new UserInputException($"{name}: has {gt.Length} rows, expected one per query ({queries})");
        for (int q = 0; q < gt.Length; q++)
            foreach (int id in gt[q])
                if (id < 0 || id >= baseRows) throw new UserInputException($"{name}: row {q} has id {id}, outside the {baseRows} base vectors");
    }

    private static string? TexmexFile(string prefix, string role) =>
        TexmexVectors.Select(e => prefix + role + e).FirstOrDefault(File.Exists);

    /// <summary>The one file whose name contains <paramref name="role"/> and has one of <paramref name="extensions"/>.</summary>
    private static string? Single(string dir, string[] files, string role, string[] extensions)
    {
        var matches = files.Where(f => f.Contains(role, StringComparison.Ordinal) && extensions.Contains(Path.GetExtension(f))).ToArray();
        if (matches.Length > 1) throw new UserInputException($"{dir}: several {role} files ({string.Join(", ", matches)})");
        return matches.SingleOrDefault();
    }
}
