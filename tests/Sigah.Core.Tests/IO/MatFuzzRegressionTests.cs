using Sigah.IO;

namespace Sigah.Core.Tests.IO;

/// <summary>
/// MAT-files the fuzzer made (fuzz/run.sh mat). fuzzed-chunk-rank.mat is v73-plain.mat with its dataset's data layout
/// message damaged into version 1/2 chunks of one dimension over a 2-D dataset: the HDF5 reader took the chunk
/// dimensions as they were and indexed past them (<see cref="IndexOutOfRangeException"/>). Each file must be rejected
/// with one line naming it and the problem, allocating little, when read as vectors and as labels.
/// </summary>
public sealed class MatFuzzRegressionTests
{
    [Theory]
    [InlineData("fuzzed-chunk-rank.mat", "fuzzed-chunk-rank.mat: not a valid HDF5 file (chunks of 1 dimensions in a dataset of 2)")]
    public void Damaged_files_are_a_one_line_user_error(string file, string message)
    {
        string path = MatFixture.Path(file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(message, Assert.Throws<UserInputException>(() => VectorFile.Read(path)).Message);
        Assert.Equal(message, Assert.Throws<UserInputException>(() => LabelFile.Read(path)).Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4 << 20);
    }
}
