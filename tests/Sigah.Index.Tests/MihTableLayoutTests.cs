using Sigah.Core.Codes;
using Sigah.Index.MultiIndexHashing;

namespace Sigah.Index.Tests;

public class MihTableLayoutTests
{
    /// <summary>Fewest codes from which the default tables fit within the codes (below it, directories and padding weigh more).</summary>
    private const int FitsFrom = 120;

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int n in new[] { 0, 1, 2, 3, 7, 64, 300, 1000, 1024, 5000 })
            foreach (int bits in new[] { 8, 24, 64, 72, 128, 256, 1024 })
                data.Add(n, bits);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Postings_are_every_position_once_sorted_by_key_then_position_and_the_directory_finds_prefixes(int n, int bits)
    {
        var rng = new Random(n + bits);
        var codes = n % 2 == 0 ? TestCodes.Clustered(n, bits, rng, centres: 3) : TestCodes.Random(n, bits, rng);
        AssertWellFormed(codes, MihTableShape.Default(bits, n));
    }

    [Theory]
    [InlineData(56, 1, 300)] // a 56-bit key and a 9-bit position do not share one word while sorting
    [InlineData(48, 1, 5000)]
    [InlineData(64, 2, 4097)]
    public void LongKeysAreSortedAlike(int bits, int substrings, int n)
    {
        var codes = TestCodes.Clustered(n, bits, new Random(n), centres: 4);
        AssertWellFormed(codes, MihTableShape.For(new SubstringLayout(bits, substrings), n));
    }

    private static void AssertWellFormed(PackedCodes codes, MihTableShape shape)
    {
        int n = codes.Count;
        var tables = MihTables.Build(codes.Data, shape);
        Assert.Equal(shape.SizeInBytes, tables.Bytes.Length);
        Assert.Null(tables.FindInconsistency());
        for (int t = 0; t < shape.Layout.Count; t++)
        {
            var positions = Enumerable.Range(0, n).Select(e => tables.Position(t, e)).ToArray();
            var keys = positions.Select(p => shape.Layout.Extract(codes.Code(p), t)).ToArray();
            Assert.Equal(Enumerable.Range(0, n), positions.Order());
            for (int e = 1; e < n; e++) Assert.True(keys[e - 1] < keys[e] || (keys[e - 1] == keys[e] && positions[e - 1] < positions[e]), $"table {t} entry {e}");
            var directory = tables.Directory(t);
            int shift = shape.PrefixShift(t);
            for (int v = 0; v < directory.Length; v++)
            {
                // Entry v is the first posting whose prefix is at least v.
                int first = (int)directory[v];
                Assert.True(first == 0 || (keys[first - 1] >> shift) < (ulong)v, $"table {t} prefix {v}");
                Assert.True(first == n || (keys[first] >> shift) >= (ulong)v, $"table {t} prefix {v}");
            }
        }
    }

    [Fact]
    public void Default_tables_fit_within_the_codes_for_every_width_when_a_posting_is_shorter_than_a_code()
    {
        // Every count up to 2000 (where padding and the smallest directories weigh most), then spread to 10^8.
        int[] counts = [.. Enumerable.Range(FitsFrom, 2000 - FitsFrom), 4095, 10_000, 65_536, 65_537, 100_000, 1 << 20, 1_000_000, 3_000_001,
            1 << 24, 20_000_000, 100_000_000];
        for (int bits = 8; bits <= 1024; bits += 8)
            foreach (int n in counts)
            {
                var shape = MihTableShape.Default(bits, n);
                if (shape.PostingBits >= bits) continue; // a posting alone outweighs a code: cannot fit
                Assert.True(shape.SizeInBytes <= MihTableShape.Budget(bits, n), $"{n} codes of {bits} bits: {shape.SizeInBytes} bytes of tables");
                Assert.True(shape.Layout.Count * shape.PostingBits < bits, $"{n} codes of {bits} bits: {shape.Layout.Count} substrings");
            }
    }

    [Fact]
    public void Just_below_the_threshold_the_tables_of_some_width_outgrow_the_codes()
    {
        // FitsFrom is the true threshold: one code fewer and some width does not fit.
        Assert.Contains(Enumerable.Range(1, 128).Select(b => b * 8),
            bits => MihTableShape.Default(bits, FitsFrom - 1).SizeInBytes > MihTableShape.Budget(bits, FitsFrom - 1));
    }

    [Theory]
    [InlineData(64, 3, 15, 7_893_240)]
    [InlineData(128, 6, 15, 15_786_480)]
    public void A_million_codes_take_these_tables(int bits, int substrings, int prefixBits, long bytes)
    {
        var shape = MihTableShape.Default(bits, 1_000_000);
        Assert.Equal((substrings, prefixBits, 20, bytes), (shape.Layout.Count, shape.PrefixBits, shape.PostingBits, shape.SizeInBytes));
    }

    [Theory]
    [InlineData(64, 100, 8)]
    [InlineData(64, 65_536, 3)]
    [InlineData(256, 1_000_000, 12)]
    [InlineData(1024, 1_000_000, 50)]
    [InlineData(40, 100_000_000, 1)]
    public void Default_substrings_are_about_bits_over_log2_n(int bits, int n, int expected) =>
        Assert.Equal(expected, MihTableShape.Default(bits, n).Layout.Count);

    [Fact]
    public void Keys_are_read_in_place_for_every_width_and_substring()
    {
        var rng = new Random(9);
        foreach (int bits in new[] { 8, 16, 40, 56, 64, 72, 120, 200 })
        {
            var codes = TestCodes.Random(20, bits, rng);
            for (int m = SubstringLayout.MinimumCount(bits); m <= Math.Min(bits, 9); m++)
            {
                var layout = new SubstringLayout(bits, m);
                for (int t = 0; t < m; t++)
                    for (int i = 0; i < codes.Count; i++)
                        Assert.Equal(layout.Extract(codes.Code(i), t), ReadKey(layout, t, codes.Code(i)));
            }
        }
    }

    [Fact]
    public void Postings_outside_the_tables_are_refused()
    {
        var tables = MihTables.Build(TestCodes.Random(10, 64, new Random(1)).Data, MihTableShape.Default(64, 10));
        Assert.Throws<ArgumentOutOfRangeException>("table", () => tables.Position(tables.Layout.Count, 0));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => tables.Position(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => tables.Position(0, -1));
    }

    private static unsafe ulong ReadKey(SubstringLayout layout, int table, ReadOnlySpan<byte> code)
    {
        fixed (byte* c = code) return layout.Reader(table).Read(c);
    }
}
