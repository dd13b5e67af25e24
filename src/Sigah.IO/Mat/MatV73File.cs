using Sigah.Core;
using Sigah.IO.Hdf5;

namespace Sigah.IO.Mat;

/// <summary>
/// A MATLAB v7.3 MAT-file: an HDF5 file (behind a user block holding the MAT header) read by Sigah's HDF5 reader.
/// Variables are the root group's links (<c>#refs#</c> and <c>#subsystem#</c>, MATLAB's own, are skipped); a matrix is
/// a dataset stored transposed (HDF5 shape (columns, rows), since MATLAB is column-major) with a <c>MATLAB_class</c>
/// attribute. Structs and sparse matrices are groups, cells datasets of references, complex numbers compounds of
/// real and imag, and an empty array is a dataset of its dimensions marked <c>MATLAB_empty</c>: all named, not read.
/// </summary>
internal sealed class MatV73File(string path, Hdf5File file) : IMatFile
{
    public static MatV73File Open(string path) => new(path, Hdf5File.Open(path));

    public IReadOnlyList<MatVariable> ReadVariables()
    {
        var root = Hdf5ObjectHeader.Read(file, file.Superblock.RootAddress);
        var links = Hdf5Group.Links(file, root) ?? throw file.Damaged("the root object is not a group");
        var variables = new List<MatVariable>();
        foreach (var link in links.Where(l => !l.Name.StartsWith('#')).OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            string name = link.Name;
            string? problem = link.IsHard ? Problem(Hdf5ObjectHeader.Read(file, link.Address)) : "is a soft or external link";
            variables.Add(new MatVariable(name, problem, () => Load(name)));
        }
        return variables;
    }

    /// <summary>Why the object of <paramref name="header"/> is not a readable matrix, or null when it is.</summary>
    private string? Problem(Hdf5ObjectHeader header)
    {
        var attributes = Hdf5Attribute.All(file, header).ToList();
        bool Has(string name) => attributes.Any(a => a.Name == name);
        var matlabClass = attributes.FirstOrDefault(a => a.Name == "MATLAB_class");
        string? className = matlabClass?.Text;
        if (matlabClass is not null && className is null) return "has a MATLAB_class attribute that is not a fixed-length string";
        if (header.Find(Hdf5MessageType.Layout) is null)
            return Has("MATLAB_sparse") ? "is sparse" : className is null ? "is a group" : MatClass.Problem(className) ?? "is a group";
        if (Has("MATLAB_empty")) return "is empty";
        if (className is not null && MatClass.Problem(className) is { } classProblem) return classProblem;
        var datatype = header.Find(Hdf5MessageType.Datatype);
        int typeClass = datatype is { IsShared: false } d ? Hdf5Datatype.ClassOf(d.Body) : -1;
        if (typeClass == Hdf5Datatype.CompoundClass) return "is complex";
        if (typeClass is not (0 or 1)) return "does not hold numbers";
        var space = header.Find(Hdf5MessageType.Dataspace) ?? throw file.Damaged("a dataset has no dataspace message");
        var (dims, _) = Hdf5Dataspace.Read(file, space.Body);
        return MatVariable.ShapeProblem([.. dims.Reverse()]);
    }

    /// <summary>
    /// The matrix of dataset <paramref name="name"/>: mapped where it is when stored contiguously, otherwise read whole
    /// (at most what <see cref="Hdf5Dataset.MaxDataBytes"/> allows for the file's size).
    /// </summary>
    private MatMatrix Load(string name)
    {
        var data = Hdf5Dataset.Open(file, name);
        ulong cols = data.Dims[0], rows = data.Dims[1];
        if (rows > (ulong)Array.MaxLength || cols > (ulong)Array.MaxLength)
            throw new UserInputException($"{data.Name}: {rows} x {cols} is more than Sigah supports");
        var bytes = (Int128)rows * cols * data.Type.Size;
        if (bytes > Hdf5Dataset.MaxDataBytes(file.Length))
            throw new UserInputException($"{data.Name}: {rows} x {cols} values need {bytes} bytes, far more than the file's {file.Length} (damaged or mostly unwritten)");
        // Checks the storage against the file (HDF5 rows are MATLAB columns).
        var reader = new Hdf5RowReader(data, (int)cols, (int)rows);
        var layout = data.Layout;
        if (layout.Class == Hdf5StorageClass.Contiguous && layout.Address != Hdf5Superblock.UndefinedAddress)
        {
            long offset = file.Position(layout.Address, (long)bytes, $"data of {data.Name}");
            return new MatMatrix(data.Name, ByteRegion.Map(path, file.Length), offset, data.Type, (int)rows, (int)cols);
        }
        if (bytes > Array.MaxLength) throw new UserInputException($"{data.Name}: {rows} x {cols} values of {data.Type} are too large to load");
        var values = new byte[(long)bytes];
        reader.Read(0, (int)cols, values);
        return new MatMatrix(data.Name, ByteRegion.Pin(values), 0, data.Type, (int)rows, (int)cols);
    }

    public void Dispose() => file.Dispose();
}
