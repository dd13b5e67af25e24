using Sigah.Index.Storage;

namespace Sigah.Index.Tests;

public class IndexChecksumTests
{
    [Fact]
    public void Appending_in_any_pieces_gives_the_same_value()
    {
        var data = new byte[1000];
        new Random(1).NextBytes(data);
        ulong whole = IndexChecksum.Of(data);
        foreach (int piece in new[] { 1, 7, 31, 32, 33, 100, 999 })
        {
            var checksum = new IndexChecksum();
            for (int at = 0; at < data.Length; at += piece) checksum.Append(data.AsSpan(at, Math.Min(piece, data.Length - at)));
            Assert.Equal(whole, checksum.Value);
        }
    }

    [Fact]
    public void Every_flipped_bit_and_every_length_changes_the_value()
    {
        var data = new byte[70];
        new Random(2).NextBytes(data);
        var seen = new HashSet<ulong> { IndexChecksum.Of(data) };
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.True(seen.Add(IndexChecksum.Of(data)), $"bit {bit}");
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        var zeros = new byte[80];
        for (int length = 0; length <= 80; length++) Assert.True(seen.Add(IndexChecksum.Of(zeros.AsSpan(0, length))), $"length {length}");
    }
}
