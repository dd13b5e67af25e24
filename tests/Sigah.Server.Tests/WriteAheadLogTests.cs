using Sigah.Core;
using Sigah.Server.Storage;

namespace Sigah.Server.Tests;

public sealed class WriteAheadLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sigah-wal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Records_come_back_in_order_after_reopening()
    {
        var written = Records(1, 5);
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => Assert.Fail("an empty log replays nothing")))
        {
            log.Append(written[..2]);
            log.Append(written[2..]);
            Assert.Equal(5, log.LastLsn);
        }
        var replayed = Replay(0, out long last);
        Assert.Equal(5, last);
        Assert.Equal(written.Select(Describe), replayed.Select(Describe));
    }

    [Fact]
    public void A_log_cut_anywhere_in_its_last_record_keeps_every_record_before_it()
    {
        var written = Records(1, 3);
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => { }))
            log.Append(written);
        string file = Directory.GetFiles(_directory).Single();
        byte[] whole = File.ReadAllBytes(file);
        int lastSize = written[2].Size;
        for (int cut = 1; cut <= lastSize; cut++)
        {
            File.WriteAllBytes(file, whole[..^cut]);
            var replayed = Replay(0, out long last);
            Assert.Equal(2, last);
            Assert.Equal(written[..2].Select(Describe), replayed.Select(Describe));
            Assert.Equal(whole.Length - lastSize, new FileInfo(file).Length);
        }
    }

    [Fact]
    public void A_flipped_bit_in_the_last_record_drops_only_that_record_and_appends_continue_after_it()
    {
        var written = Records(1, 3);
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => { }))
            log.Append(written);
        string file = Directory.GetFiles(_directory).Single();
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^5] ^= 0x10;
        File.WriteAllBytes(file, bytes);
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => { }))
        {
            Assert.Equal(2, log.LastLsn);
            log.Append(Records(3, 1));
        }
        Assert.Equal([1L, 2, 3], Replay(0, out _).Select(r => r.Lsn));
    }

    [Fact]
    public void Damage_before_the_newest_file_is_an_error_naming_the_file()
    {
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => { }))
        {
            log.Append(Records(1, 2));
            log.Rotate();
            log.Append(Records(3, 2));
        }
        string first = Directory.GetFiles(_directory).Order().First();
        byte[] bytes = File.ReadAllBytes(first);
        bytes[^3] ^= 1;
        File.WriteAllBytes(first, bytes);
        var e = Assert.Throws<UserInputException>(() => Replay(0, out _));
        Assert.StartsWith($"{Path.GetFileName(first)}: damaged record at byte ", e.Message);
    }

    [Fact]
    public void Rotating_and_dropping_keeps_only_the_records_after_a_snapshot()
    {
        using (var log = WriteAheadLog.Open(_directory, 2, 3, 0, _ => { }))
        {
            log.Append(Records(1, 3));
            log.Rotate();
            log.Append(Records(4, 2));
            log.DropUpTo(3);
            Assert.Single(Directory.GetFiles(_directory));
        }
        Assert.Equal([4L, 5], Replay(3, out long last).Select(r => r.Lsn));
        Assert.Equal(5, last);
        Assert.Empty(Replay(5, out _));
    }

    private List<LogRecord> Replay(long after, out long last)
    {
        var replayed = new List<LogRecord>();
        using var log = WriteAheadLog.Open(_directory, 2, 3, after, replayed.Add);
        last = log.LastLsn;
        return replayed;
    }

    /// <summary><paramref name="count"/> records from <paramref name="first"/>: upserts of 2-byte codes with 3-float vectors, every third a delete.</summary>
    private static LogRecord[] Records(long first, int count) => [.. Enumerable.Range(0, count).Select(i =>
    {
        long lsn = first + i;
        long[] ids = [lsn * 10, lsn * 10 + 1];
        return lsn % 3 == 0
            ? new LogRecord(lsn, LogRecordKind.Delete, ids, [], null)
            : new LogRecord(lsn, LogRecordKind.Upsert, ids, [(byte)lsn, 1, 2, (byte)i], [.. Enumerable.Range(0, 6).Select(v => v + lsn * 0.5f)]);
    })];

    private static string Describe(LogRecord r) =>
        $"{r.Lsn} {r.Kind} [{string.Join(',', r.Ids)}] [{string.Join(',', r.Codes)}] [{string.Join(',', r.Vectors ?? [])}]";
}
