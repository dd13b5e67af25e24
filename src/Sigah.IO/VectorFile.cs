using Sigah.Core;
using Sigah.Core.Data;
using Sigah.IO.Hdf5;
using Sigah.IO.Mat;

namespace Sigah.IO;

/// <summary>
/// Reads and writes vector files, the format chosen by extension: TEXMEX <c>.fvecs .ivecs .bvecs</c>, big-ann
/// <c>.fbin .u8bin .ibin</c>, NumPy <c>.npy</c> (2-D, C order), HDF5 <c>file.hdf5:dataset</c>, MATLAB <c>.mat</c>
/// (v5 and v7.3, <c>file.mat:variable</c> or the only matrix; rows are MATLAB rows) and MNIST IDX
/// (<c>*-idx3-ubyte</c>, optionally <c>.gz</c>). The uncompressed binary formats are memory-mapped and read
/// in row blocks, so a file is copied once, into the float rows asked for. Every problem with a file is a
/// <see cref="UserInputException"/> with one line naming the file and, where it applies, the first bad row
/// (rows count from 0).
/// </summary>
public static class VectorFile
{
    /// <summary>Reads every row (up to <see cref="VectorReadOptions.MaxRows"/>) into a matrix.</summary>
    public static FloatMatrix Read(string spec, VectorReadOptions? options = null)
    {
        using var source = Open(spec, options);
        var matrix = new FloatMatrix(source.Rows, source.Dimension);
        ParallelRowReader.Read(source, 0, source.Rows, matrix.Data, Environment.ProcessorCount);
        return matrix;
    }

    /// <summary>Opens <paramref name="spec"/> (a path, <c>file.hdf5:dataset</c> or <c>file.mat:variable</c>) for block reads.</summary>
    public static IVectorSource Open(string spec, VectorReadOptions? options = null)
    {
        options ??= new VectorReadOptions();
        if (options.MaxRows is { } max) ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(options));
        var parsed = VectorFileSpec.Parse(spec);
        string path = parsed.Path;
        IVectorSource source = parsed.Format switch
        {
            VectorFormat.Fvecs => TexmexFormat.Open(path, VectorElementType.Float32, options),
            VectorFormat.Ivecs => TexmexFormat.Open(path, VectorElementType.Int32, options),
            VectorFormat.Bvecs => TexmexFormat.Open(path, VectorElementType.UInt8, options),
            VectorFormat.Fbin => BigAnnFormat.Open(path, VectorElementType.Float32, options),
            VectorFormat.U8bin => BigAnnFormat.Open(path, VectorElementType.UInt8, options),
            VectorFormat.Ibin => BigAnnFormat.Open(path, VectorElementType.Int32, options),
            VectorFormat.Npy => NpyVectorFormat.Open(path, options),
            VectorFormat.Hdf5 => Hdf5VectorSource.Open(path, parsed.Dataset!, options),
            VectorFormat.Mat => OpenMat(path, parsed.Dataset, options),
            VectorFormat.Idx => IdxFormat.Open(path, compressed: false, options),
            _ => IdxFormat.Open(path, compressed: true, options),
        };
        if (options.RequireRows && source.Rows == 0)
        {
            source.Dispose();
            throw new UserInputException($"{parsed.Name}: has no rows");
        }
        // Rows of dimension 0 take no bytes, so a header can claim billions of them in a tiny file; reading them
        // would take minutes for nothing.
        if (source.Rows > 0 && source.Dimension == 0)
        {
            source.Dispose();
            throw new UserInputException($"{parsed.Name}: {source.Rows} rows of dimension 0");
        }
        return source;
    }

    /// <summary>
    /// <paramref name="spec"/> with the MATLAB variable <paramref name="variable"/> named after a colon;
    /// <paramref name="spec"/> itself when <paramref name="variable"/> is null. Naming a variable of a file that is not
    /// <c>.mat</c>, of a spec that already names one, or by an empty name is a <see cref="VariableNameException"/>.
    /// </summary>
    public static string WithVariable(string spec, string? variable)
    {
        if (variable is null) return spec;
        var parsed = VectorFileSpec.Parse(spec);
        if (parsed.Format != VectorFormat.Mat) throw new VariableNameException($"{parsed.Name} is not a .mat file");
        if (parsed.Dataset is not null) throw new VariableNameException($"{parsed.Name} already names a variable");
        if (variable.Length == 0) throw new VariableNameException("empty variable name");
        return $"{parsed.Path}:{variable}";
    }

    /// <summary>
    /// Writes <paramref name="m"/> in the format of <paramref name="spec"/>'s extension (atomically). Integer
    /// formats (<c>.ivecs .bvecs .u8bin .ibin</c>) require integral values in range; <c>.npy</c> is written as
    /// float32; <c>file.hdf5:dataset</c> creates a new file holding that one dataset. IDX and MATLAB files are read-only.
    /// </summary>
    public static void Write(string spec, FloatMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var parsed = VectorFileSpec.Parse(spec);
        string path = parsed.Path;
        switch (parsed.Format)
        {
            case VectorFormat.Fvecs: TexmexFormat.Write(path, m, VectorElementType.Float32); break;
            case VectorFormat.Ivecs: TexmexFormat.Write(path, m, VectorElementType.Int32); break;
            case VectorFormat.Bvecs: TexmexFormat.Write(path, m, VectorElementType.UInt8); break;
            case VectorFormat.Fbin: BigAnnFormat.Write(path, m, VectorElementType.Float32); break;
            case VectorFormat.U8bin: BigAnnFormat.Write(path, m, VectorElementType.UInt8); break;
            case VectorFormat.Ibin: BigAnnFormat.Write(path, m, VectorElementType.Int32); break;
            case VectorFormat.Npy:
                ElementWriter.CheckRepresentable(path, m, VectorElementType.Float32);
                NpyFile.Write<float>(path, m.Data, m.Rows, m.Cols);
                break;
            case VectorFormat.Hdf5: Hdf5Writer.Write(path, parsed.Dataset!, m); break;
            case VectorFormat.Mat: throw UserInputException.ForFile(path, "writing MATLAB files is not supported");
            default: throw UserInputException.ForFile(path, "writing MNIST IDX files is not supported");
        }
    }

    private static ColumnMajorVectorSource OpenMat(string path, string? variable, VectorReadOptions options)
    {
        var matrix = MatFile.OpenMatrix(path, variable);
        try
        {
            return new ColumnMajorVectorSource(matrix, options);
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }
}
