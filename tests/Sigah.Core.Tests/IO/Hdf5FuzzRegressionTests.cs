using Sigah.Core.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// Damaged HDF5 files the fuzzer made (fuzz/run.sh hdf5, from a 236-byte seed): PureHDF fails on each with an
/// exception of its own (range, version, "file too small", unsupported message); Sigah must report them as one
/// user-error line naming the file.
/// </summary>
public sealed class Hdf5FuzzRegressionTests
{
    [Theory]
    [InlineData("damaged-1.hdf5", "damaged-1.hdf5: not a valid HDF5 file (Non-negative number required. (Parameter 'fileOffset'))")]
    [InlineData("damaged-2.hdf5", "damaged-2.hdf5: not a valid HDF5 file (The version number must be in the range of 1..3.)")]
    [InlineData("damaged-3.hdf5", "damaged-3.hdf5: not a valid HDF5 file (The file is too small)")]
    [InlineData("damaged-4.hdf5", "damaged-4.hdf5: not a valid HDF5 file (The message type '48' is not supported.)")]
    public void Damaged_metadata_is_a_one_line_user_error(string file, string message)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Files", file);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(path + ":train")).Message);
    }
}
