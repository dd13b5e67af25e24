using System.Buffers.Binary;
using Sigah.Core;

namespace Sigah.Index.Tests;

/// <summary>
/// An index file the fuzzer made (fuzz/run.sh index): damaged multi-index tables under a checksum recomputed to
/// match, which once made MIH search index outside its arrays. Opening it must fail with one line instead.
/// </summary>
public sealed class IndexFuzzRegressionTests
{
    [Fact]
    public void Inconsistent_mih_tables_under_a_valid_checksum_are_rejected_at_open()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Files", "fuzzed-mih-tables.bin"));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), IndexFile.Checksum(bytes.AsSpan(0, bytes.Length - 8)));
        string path = Path.Combine(Directory.CreateTempSubdirectory("sigah-fuzzed-index-").FullName, "x.index");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<UserInputException>(() => HammingIndex.Open(path));
            Assert.Equal("x.index: corrupted multi-index tables: table 0 bucket 5 starts before bucket 4", e.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
