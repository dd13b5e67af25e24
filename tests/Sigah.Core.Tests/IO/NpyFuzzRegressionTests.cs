using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>Inputs the fuzzer found (fuzz/run.sh npy) that once gave multi-line or unbounded error messages.</summary>
public sealed class NpyFuzzRegressionTests
{
    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False \u0001\n   , 'shape': (1,), }",
        "f.npy: malformed header: fortran_order is 'False \\u0001'")]
    [InlineData("{'descr': '##  \n  <i8', 'fortran_order': False, 'shape': (1,), }",
        "f.npy: unsupported dtype '##  \\n  <i8' (supported: <f4, <f8, |u1, <i4, <i8)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (  \n \u00011,), }",
        "f.npy: malformed header: shape '(  \\n \\u00011,)'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1 NUMPY v {'descr' '<i8' 'fortran_order' False 'shape' (), }",
        "f.npy: malformed header: shape '(1 NUMPY v {'descr' '<i8' 'fortran_order...'")]
    public void Header_values_quoted_in_errors_are_escaped_and_cut_short(string header, string message)
    {
        using var dir = new TempDirectory();
        string path = dir.File("f.npy");
        File.WriteAllBytes(path, NpyFileTests.HandMade(1, header, new byte[4]));
        var e = Assert.Throws<UserInputException>(() => NpyFile.Read(path));
        Assert.Equal(message, e.Message);
    }
}
