using System.Text.RegularExpressions;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// A parsed vector file argument: the path, the HDF5 dataset or MATLAB variable when the spec reads
/// <c>file.hdf5:dataset</c> or <c>file.mat:variable</c>, and the format implied by the extension.
/// </summary>
internal sealed partial record VectorFileSpec(string Path, string? Dataset, VectorFormat Format)
{
    /// <summary>The extensions named in the "unknown extension" message.</summary>
    public const string KnownExtensions = ".fvecs, .ivecs, .bvecs, .fbin, .u8bin, .ibin, .npy, .hdf5:DATASET, .h5:DATASET, .mat[:VARIABLE], *-idx3-ubyte[.gz]";

    /// <summary>The file name (and dataset or variable), as used in messages.</summary>
    public string Name => Dataset is null ? System.IO.Path.GetFileName(Path) : $"{System.IO.Path.GetFileName(Path)}:{Dataset}";

    /// <summary>
    /// Splits <paramref name="spec"/> into path and dataset (or variable) and picks the format from the extension; an
    /// unknown extension is a user error naming <paramref name="kind"/> files and the <paramref name="known"/> extensions.
    /// </summary>
    public static VectorFileSpec Parse(string spec, string kind = "vector", string known = KnownExtensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        string path = spec;
        string? dataset = null;
        int colon = spec.LastIndexOf(':');
        if (colon > 0 && !File.Exists(spec) && NamesInside(spec[..colon]))
        {
            path = spec[..colon];
            dataset = spec[(colon + 1)..];
        }
        var format = Detect(path) ?? throw UserInputException.ForFile(path,
            $"unknown {kind} file extension '{System.IO.Path.GetExtension(path)}' (known: {known})");
        if (format == VectorFormat.Mat && dataset == "") dataset = null;
        if (format == VectorFormat.Hdf5 && string.IsNullOrEmpty(dataset))
            throw UserInputException.ForFile(path, "name the HDF5 dataset after a colon, e.g. file.hdf5:train");
        return new VectorFileSpec(path, dataset, format);
    }

    private static VectorFormat? Detect(string path)
    {
        string name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
            return IdxName().IsMatch(name[..^3]) ? VectorFormat.IdxGz : null;
        if (IdxName().IsMatch(name)) return VectorFormat.Idx;
        return System.IO.Path.GetExtension(name) switch
        {
            ".fvecs" => VectorFormat.Fvecs,
            ".ivecs" => VectorFormat.Ivecs,
            ".bvecs" => VectorFormat.Bvecs,
            ".fbin" => VectorFormat.Fbin,
            ".u8bin" => VectorFormat.U8bin,
            ".ibin" => VectorFormat.Ibin,
            ".npy" => VectorFormat.Npy,
            ".hdf5" or ".h5" => VectorFormat.Hdf5,
            ".mat" => VectorFormat.Mat,
            ".idx" => VectorFormat.Idx,
            _ => null,
        };
    }

    /// <summary>True for the formats whose files hold several named arrays (HDF5 and MATLAB).</summary>
    private static bool NamesInside(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".hdf5" or ".h5" or ".mat";

    [GeneratedRegex(@"-idx[0-9]-ubyte$")]
    private static partial Regex IdxName();
}
