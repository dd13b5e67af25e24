using Sigah.Core;

namespace Sigah.Index.Tests;

public sealed class IndexFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trip_searches_the_same_and_keeps_tables(bool mih)
    {
        var rng = new Random(4);
        var codes = TestCodes.Clustered(700, 128, rng);
        var index = new HammingIndex(128);
        index.Add(codes, Enumerable.Range(0, 700).Select(i => 1000L - i).ToArray());
        if (mih) index.BuildMihTables();
        string path = Path.Combine(_dir, "codes.idx");
        index.Save(path);
        Assert.Equal(new FileInfo(path).Length, IndexFile.ExpectedLength(700, 16, index.Tables?.Shape));
        Assert.Empty(Directory.GetFiles(_dir, "*.sigah-tmp"));

        using var opened = HammingIndex.Open(path);
        Assert.Equal(index.Ids.ToArray(), opened.Ids.ToArray());
        Assert.True(index.Codes.SequenceEqual(opened.Codes));
        Assert.Equal(mih, opened.Tables is not null);
        if (mih) Assert.True(index.Tables!.Bytes.SequenceEqual(opened.Tables!.Bytes));
        var queries = TestCodes.NearCopies(codes, 12, rng);
        foreach (var method in new[] { SearchMethod.Linear, SearchMethod.Mih })
            Assert.Equal(index.Search(queries, 9, new SearchOptions(method)), opened.Search(queries, 9, new SearchOptions(method)), ResultComparer.Instance);
    }

    [Fact]
    public void Changing_a_mapped_index_copies_it_and_saves_over_the_same_file()
    {
        var rng = new Random(8);
        string path = Path.Combine(_dir, "grow.idx");
        HammingIndex.FromCodes(TestCodes.Random(10, 64, rng)).Save(path);
        using (var opened = HammingIndex.Open(path))
        {
            opened.Add(TestCodes.Random(5, 64, rng));
            Assert.Equal(3, opened.Remove([0, 1, 2]));
            opened.Save(path);
        }
        using var reopened = HammingIndex.Open(path);
        Assert.Equal(Enumerable.Range(3, 12).Select(i => (long)i), reopened.Ids.ToArray());
    }

    [Fact]
    public void Empty_index_round_trips()
    {
        string path = Path.Combine(_dir, "empty.idx");
        new HammingIndex(256).Save(path);
        using var opened = HammingIndex.Open(path);
        Assert.Equal((0, 256), (opened.Count, opened.Bits));
    }

    [Fact]
    public void Truncated_file_is_reported()
    {
        string path = Saved("cut.idx");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^20]);
        Assert.Equal($"cut.idx: truncated: {bytes.Length - 20} bytes, expected {bytes.Length}", Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
    }

    [Fact]
    public void Corrupted_byte_fails_the_checksum()
    {
        string path = Saved("flip.idx");
        var bytes = File.ReadAllBytes(path);
        bytes[100] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Equal("flip.idx: checksum mismatch: the file is corrupted", Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
    }

    [Fact]
    public void Other_files_and_versions_are_rejected()
    {
        string path = Saved("v.idx");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 3;
        File.WriteAllBytes(path, bytes);
        Assert.Equal("v.idx: index format version 3 is not supported (this build reads version 2)", Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
        bytes[8] = 1;
        File.WriteAllBytes(path, bytes);
        Assert.Equal("v.idx: index format version 1 is out of date (this build reads version 2): rebuild it with `sigah index build`",
            Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
        bytes[0] = (byte)'X';
        File.WriteAllBytes(path, bytes);
        Assert.Equal("v.idx: not a Sigah index file (bad magic)", Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
        File.WriteAllBytes(path, new byte[10]);
        Assert.Equal("v.idx: not a Sigah index file (10 bytes is too short)", Assert.Throws<UserInputException>(() => HammingIndex.Open(path)).Message);
        Assert.Equal("missing.idx: no such file", Assert.Throws<UserInputException>(() => HammingIndex.Open(Path.Combine(_dir, "missing.idx"))).Message);
    }

    private string Saved(string name)
    {
        string path = Path.Combine(_dir, name);
        var index = HammingIndex.FromCodes(TestCodes.Random(50, 64, new Random(3)));
        index.BuildMihTables();
        index.Save(path);
        return path;
    }

    private sealed class ResultComparer : IEqualityComparer<HammingKnnResult>
    {
        public static readonly ResultComparer Instance = new();
        public bool Equals(HammingKnnResult? a, HammingKnnResult? b) =>
            a!.Queries == b!.Queries && a.K == b.K && a.Ids.SequenceEqual(b.Ids) && a.Distances.SequenceEqual(b.Distances);
        public int GetHashCode(HammingKnnResult r) => r.K;
    }
}
