using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Sigah's MAT-file reader against files scipy.io.savemat wrote (v5, uncompressed and zlib-compressed, and the same
/// rewritten big-endian) and files laid out as MATLAB -v7.3 writes them, by h5py: every numeric class, read by rows
/// as MATLAB sees them, and the one-line errors for what is not a real numeric 2-D matrix.
/// </summary>
public sealed class MatReaderTests
{
    public static TheoryData<string, string, char, int, int> Matrices()
    {
        var data = new TheoryData<string, string, char, int, int>();
        foreach (string file in MatFixture.Files)
            foreach (var (name, kind, rows, cols) in MatFixture.Matrices) data.Add(file, name, kind, rows, cols);
        foreach (var (name, kind) in new[] { ("f64", 'f'), ("f32", 'f'), ("i2", 'i'), ("u4", 'u'), ("i8", 'i') })
            data.Add("v5-be.mat", name, kind, name[0] == 'f' ? 6 : 4, name[0] == 'f' ? 5 : 3);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrices))]
    public void Numeric_matrices_read_back_exactly_with_matlab_rows(string file, string variable, char kind, int rows, int cols)
    {
        var m = VectorFile.Read($"{MatFixture.Path(file)}:{variable}");
        Assert.Equal((rows, cols), (m.Rows, m.Cols));
        Assert.Equal(Hdf5Fixture.Values(kind, rows, cols), m.Data);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5-zlib.mat")]
    [InlineData("v73.mat")]
    public void Row_blocks_and_row_limits_match_the_whole(string file)
    {
        var expected = Hdf5Fixture.Values('f', 300, 2);
        using (var source = VectorFile.Open($"{MatFixture.Path(file)}:tall"))
        {
            var block = new float[7 * 2];
            source.ReadRows(101, 7, block);
            Assert.Equal(expected.AsSpan(202, 14).ToArray(), block);
        }
        var head = VectorFile.Read($"{MatFixture.Path(file)}:tall", new VectorReadOptions { MaxRows = 3, Scale = 2 });
        Assert.Equal(expected.Take(6).Select(v => v * 2), head.Data);
    }

    [Theory]
    [InlineData("single.mat")]
    [InlineData("v73-plain.mat")]
    public void The_only_matrix_is_read_when_no_variable_is_named(string file)
    {
        var m = VectorFile.Read(MatFixture.Path(file));
        Assert.Equal((5, 4), (m.Rows, m.Cols));
        Assert.Equal(Hdf5Fixture.Values('f', 5, 4), m.Data);
        Assert.Equal(m.Data, VectorFile.Read(MatFixture.Path(file) + ":").Data);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v73.mat")]
    public void Logical_arrays_read_as_zero_and_one(string file) =>
        Assert.Equal([1f, 0, 1, 0, 0, 1], VectorFile.Read(MatFixture.Path(file) + ":logical").Data);

    [Fact]
    public void Empty_matrices_have_no_rows()
    {
        var m = VectorFile.Read(MatFixture.Path("v5.mat") + ":empty");
        Assert.Equal((0, 3), (m.Rows, m.Cols));
        Assert.Equal("v5.mat:empty: has no rows",
            Assert.Throws<UserInputException>(() => VectorFile.Read(MatFixture.Path("v5.mat") + ":empty", new VectorReadOptions { RequireRows = true })).Message);
    }

    [Theory]
    [InlineData("text", "is a char array")]
    [InlineData("cell", "is a cell array")]
    [InlineData("st", "is a struct")]
    [InlineData("cplx", "is complex")]
    [InlineData("sparse", "is sparse")]
    [InlineData("cube", "has 3 dimensions (2 x 3 x 4), not 2")]
    public void Variables_that_are_not_real_numeric_matrices_are_named(string variable, string problem)
    {
        foreach (string file in new[] { "v5.mat", "v5-zlib.mat", "v73.mat" })
            Assert.Equal($"{file}: variable '{variable}' {problem} (Sigah reads real numeric 2-D matrices)",
                Assert.Throws<UserInputException>(() => VectorFile.Read($"{MatFixture.Path(file)}:{variable}")).Message);
    }

    [Fact]
    public void Empty_v73_arrays_are_named() =>
        Assert.Equal("v73.mat: variable 'empty' is empty (Sigah reads real numeric 2-D matrices)",
            Assert.Throws<UserInputException>(() => VectorFile.Read(MatFixture.Path("v73.mat") + ":empty")).Message);

    [Theory]
    [InlineData("v5.mat", "v5.mat: no variable 'none' (has: f64, f32, i1, i2, i4, i8, u1, u2, u4, u8, tall, labels_col, labels_row, labels_frac, logical, empty, text, cell, st, cplx, ... 2 more)")]
    [InlineData("v73.mat", "v73.mat: no variable 'none' (has: cell, cplx, cube, empty, f32, f64, i1, i2, i4, i8, labels_col, labels_row, logical, sparse, st, tall, text, u1, u2, u4, ... 1 more)")]
    [InlineData("single.mat", "single.mat: no variable 'none' (has: only, note)")]
    public void A_missing_variable_lists_the_names(string file, string message) =>
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(MatFixture.Path(file) + ":none")).Message);

    [Theory]
    [InlineData("v5-small.mat", "v5-small.mat: holds several matrices (f64, f32, i2, u4, i8); name one as v5-small.mat:NAME or with --var NAME")]
    [InlineData("v5-be.mat", "v5-be.mat: holds several matrices (f64, f32, i2, u4, i8); name one as v5-be.mat:NAME or with --var NAME")]
    public void Several_matrices_without_a_name_are_listed(string file, string message) =>
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(MatFixture.Path(file))).Message);

    [Fact]
    public void A_file_of_no_matrix_names_what_it_holds()
    {
        using var dir = new TempDirectory();
        byte[] v5 = File.ReadAllBytes(MatFixture.Path("v5-small.mat"));
        File.WriteAllBytes(dir.File("header.mat"), v5[..128]);
        Assert.Equal("header.mat: holds no variables", Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("header.mat"))).Message);
    }

    [Fact]
    public void Files_of_other_kinds_are_not_mat_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.mat"), new byte[300]);
        File.WriteAllBytes(dir.File("short.mat"), [1, 2, 3]);
        Assert.Equal("x.mat: not a MAT-file (no MATLAB v5 header, no HDF5 signature of v7.3)", Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("x.mat"))).Message);
        Assert.Equal("short.mat: not a MAT-file (no MATLAB v5 header, no HDF5 signature of v7.3)", Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("short.mat"))).Message);
        Assert.Equal("none.mat: no such file", Assert.Throws<UserInputException>(() => VectorFile.Read(dir.File("none.mat"))).Message);
        Assert.Equal("x.mat: writing MATLAB files is not supported", Assert.Throws<UserInputException>(() => VectorFile.Write(dir.File("x.mat"), new Sigah.Core.Data.FloatMatrix(1, 1))).Message);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5-zlib.mat")]
    [InlineData("v73.mat")]
    public void Truncated_files_are_one_line_errors_or_read_exactly(string file)
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(MatFixture.Path(file));
        string path = dir.File("t.mat");
        for (int keep = 0; keep < bytes.Length; keep += 97)
        {
            File.WriteAllBytes(path, bytes[..keep]);
            foreach (var (name, kind, rows, cols) in MatFixture.Matrices)
            {
                try
                {
                    var m = VectorFile.Read($"{path}:{name}");
                    Assert.Equal(Hdf5Fixture.Values(kind, rows, cols), m.Data);
                }
                catch (UserInputException e)
                {
                    Assert.StartsWith("t.mat", e.Message);
                    Assert.DoesNotContain('\n', e.Message);
                }
            }
        }
    }

    [Theory]
    [InlineData("a.fvecs", null, "a.fvecs")]
    [InlineData("a.mat", null, "a.mat")]
    [InlineData("a.mat", "x", "a.mat:x")]
    [InlineData("dir/a.MAT", "x", "dir/a.MAT:x")]
    public void A_var_option_names_the_variable_of_a_mat_file(string spec, string? variable, string expected) =>
        Assert.Equal(expected, VectorFile.WithVariable(spec, variable));

    [Theory]
    [InlineData("a.fvecs", "x", "a.fvecs is not a .mat file")]
    [InlineData("a.hdf5:train", "x", "a.hdf5:train is not a .mat file")]
    [InlineData("a.mat:y", "x", "a.mat:y already names a variable")]
    [InlineData("a.mat", "", "empty variable name")]
    public void A_variable_that_cannot_be_named_is_refused_saying_why(string spec, string variable, string message) =>
        Assert.Equal(message, Assert.Throws<VariableNameException>(() => VectorFile.WithVariable(spec, variable)).Message);
}
