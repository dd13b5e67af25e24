using Sigah.Core.Codes;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Index.Tests;

/// <summary>
/// A disposed index, above all one opened from a file whose mapping is gone, must refuse every member with
/// <see cref="ObjectDisposedException"/> instead of reading unmapped memory (which killed the process).
/// </summary>
public sealed class DisposedIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-disposed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Members => new(Uses.Keys);

    private static readonly PackedCodes Queries = TestCodes.Random(3, 64, new Random(2));

    private static readonly Dictionary<string, Action<HammingIndex>> Uses = new()
    {
        ["Bits"] = index => _ = index.Bits,
        ["BytesPerCode"] = index => _ = index.BytesPerCode,
        ["Count"] = index => _ = index.Count,
        ["Ids"] = index => _ = index.Ids.Length,
        ["Codes"] = index => _ = index.Codes.Length,
        ["Tables"] = index => _ = index.Tables,
        ["BuildMihTables(int)"] = index => index.BuildMihTables(),
        ["BuildMihTables(shape)"] = index => index.BuildMihTables(MihTableShape.Default(64, 50)),
        ["Add(codes)"] = index => index.Add(Queries),
        ["Add(codes, ids)"] = index => index.Add(Queries, [100, 101, 102]),
        ["Remove"] = index => index.Remove([1, 2]),
        ["Reset"] = index => index.Reset(),
        ["Search linear"] = index => index.Search(Queries, 5),
        ["Search mih"] = index => index.Search(Queries, 5, new SearchOptions { Method = SearchMethod.Mih }),
        ["RangeSearch"] = index => index.RangeSearch(Queries, 3),
        ["Save"] = index => index.Save(Path.Combine(Path.GetTempPath(), "never-written.idx")),
    };

    [Theory, MemberData(nameof(Members))]
    public void Every_member_of_a_disposed_file_index_throws(string member)
    {
        string path = Path.Combine(_dir, "codes.idx");
        HammingIndex.FromCodes(TestCodes.Random(50, 64, new Random(1))).Save(path);
        var index = HammingIndex.Open(path);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Uses[member](index));
        index.Dispose(); // disposing twice is harmless
    }

    [Theory, MemberData(nameof(Members))]
    public void Every_member_of_a_disposed_in_memory_index_throws(string member)
    {
        IBinaryIndex index = HammingIndex.FromCodes(TestCodes.Random(50, 64, new Random(1)));
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Uses[member]((HammingIndex)index));
    }

    [Fact]
    public void Changing_a_file_index_releases_the_mapping_but_keeps_the_index_usable()
    {
        string path = Path.Combine(_dir, "codes.idx");
        HammingIndex.FromCodes(TestCodes.Random(50, 64, new Random(1))).Save(path);
        using var index = HammingIndex.Open(path);
        index.Add(Queries, [100, 101, 102]);
        Assert.Equal(53, index.Count);
        Assert.Equal(100, index.Search(Queries, 1).Ids[0]);
    }
}
