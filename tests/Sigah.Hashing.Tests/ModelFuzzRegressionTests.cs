using Sigah.Core;

namespace Sigah.Hashing.Tests;

/// <summary>
/// Model files the fuzzer made (fuzz/run.sh model: mutated, then given a valid checksum) that once escaped as
/// FormatException, OverflowException or a half-gigabyte allocation; each must be a one-line user error.
/// </summary>
public sealed class ModelFuzzRegressionTests
{
    [Theory]
    [InlineData("fuzzed-1.model", "fuzzed-1.model: model file is corrupted (method name)")]
    [InlineData("fuzzed-2.model", "fuzzed-2.model: model file is corrupted (payload too short)")]
    [InlineData("fuzzed-3.model", "fuzzed-3.model: model file is corrupted (payload too short)")]
    [InlineData("fuzzed-4.model", "fuzzed-4.model: model file is corrupted (payload sizes overflow)")]
    public void Fuzzed_model_files_are_one_line_user_errors_within_bounded_memory(string file, string message)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Files", file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UserInputException>(() => ModelFile.Load(path));
        Assert.Equal(message, e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
