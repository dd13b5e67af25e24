using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Sigah.Core;
using Sigah.Index;
using Sigah.IO;
using Sigah.Server.Collections;

namespace Sigah.Server.Storage;

/// <summary>What <c>snapshot.json</c> records: the log position a snapshot holds and its files.</summary>
internal sealed record SnapshotManifest(long Lsn, int Count, string Index, string? Vectors);

/// <summary>
/// A collection's snapshot: every live row at one log position, sorted by id, in the index file format of
/// <c>sigah index build</c> (with its multi-index tables when large) plus, when vectors are kept, a vector file
/// (<c>SIGAHVEC</c>, int64 rows, int32 dimension, int32 0, the rows as float32, the XXH3 of the rows). The files are
/// written first and <c>snapshot.json</c>, naming them, is renamed into place last: a crash leaves the previous
/// snapshot in force. Start-up loads the snapshot and replays the log records after it.
/// </summary>
internal static class Snapshot
{
    private const string ManifestName = "snapshot.json";
    private const int VectorHeaderBytes = 24;
    private static ReadOnlySpan<byte> VectorMagic => "SIGAHVEC"u8;

    /// <summary>Writes a snapshot of <paramref name="state"/> into <paramref name="directory"/> and removes older snapshot files.</summary>
    public static void Write(string directory, CollectionState state, int bits, int dimension)
    {
        var segments = state.Segments;
        var rows = SegmentMerge.LiveRows(segments);
        string stem = $"snapshot-{state.Lsn.ToString("D20", CultureInfo.InvariantCulture)}";
        // The codes as one sealed segment (tables built when large); the vectors are streamed below, not copied.
        SegmentMerge.Build(segments, rows, bits, dimension: 0).Index.Save(Path.Combine(directory, stem + ".idx"));
        string? vectorFile = null;
        if (dimension > 0)
        {
            vectorFile = stem + ".vec";
            AtomicFile.Write(Path.Combine(directory, vectorFile), stream => WriteVectors(stream, segments, rows, dimension));
        }
        DirectorySync.Flush(directory);
        var manifest = new SnapshotManifest(state.Lsn, rows.Length, stem + ".idx", vectorFile);
        AtomicFile.Write(Path.Combine(directory, ManifestName), stream => JsonSerializer.Serialize(stream, manifest, StorageJson.Default.SnapshotManifest));
        DirectorySync.Flush(directory);
        foreach (string old in Directory.EnumerateFiles(directory, "snapshot-*"))
            if (!old.EndsWith(manifest.Index, StringComparison.Ordinal) && (vectorFile is null || !old.EndsWith(vectorFile, StringComparison.Ordinal)))
                File.Delete(old);
    }

    /// <summary>The snapshot in <paramref name="directory"/> as one sealed segment and its log position, or null when there is none.</summary>
    public static (SealedSegment Segment, long Lsn)? Read(string directory, int bits, int dimension)
    {
        string path = Path.Combine(directory, ManifestName);
        if (!File.Exists(path)) return null;
        SnapshotManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), StorageJson.Default.SnapshotManifest)
                ?? throw UserInputException.ForFile(path, "empty snapshot manifest");
        }
        catch (JsonException e)
        {
            throw UserInputException.ForFile(path, $"damaged snapshot manifest: {e.Message}");
        }
        var index = HammingIndex.Open(Path.Combine(directory, manifest.Index));
        if (index.Bits != bits || index.Count != manifest.Count)
            throw UserInputException.ForFile(manifest.Index, $"holds {index.Count} codes of {index.Bits} bits, the manifest says {manifest.Count} of {bits}");
        if (index.Count >= SealedSegment.MihRows && index.Tables is null) index.BuildMihTables();
        float[]? vectors = null;
        if (dimension > 0)
        {
            if (manifest.Vectors is null) throw UserInputException.ForFile(path, "the collection keeps vectors but the snapshot has none");
            vectors = ReadVectors(Path.Combine(directory, manifest.Vectors), manifest.Count, dimension);
        }
        return (new SealedSegment(index, vectors), manifest.Lsn);
    }

    private static void WriteVectors(Stream stream, IReadOnlyList<Segment> segments, (long Id, int Segment, int Row)[] rows, int dimension)
    {
        Span<byte> header = stackalloc byte[VectorHeaderBytes];
        header.Clear();
        VectorMagic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], rows.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], dimension);
        stream.Write(header);
        var hash = new XxHash3();
        foreach (var (_, segment, row) in rows)
        {
            var bytes = MemoryMarshal.AsBytes(segments[segment].Vectors.AsSpan(checked(row * dimension), dimension));
            stream.Write(bytes);
            hash.Append(bytes);
        }
        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash.GetCurrentHashAsUInt64());
        stream.Write(checksum);
    }

    private static float[] ReadVectors(string path, int count, int dimension)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "no such file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        long expected = VectorHeaderBytes + ((long)count * dimension * 4) + 8;
        Span<byte> header = stackalloc byte[VectorHeaderBytes];
        if (stream.Length != expected || stream.ReadAtLeast(header, VectorHeaderBytes, throwOnEndOfStream: false) != VectorHeaderBytes
            || !header[..8].SequenceEqual(VectorMagic) || BinaryPrimitives.ReadInt64LittleEndian(header[8..]) != count
            || BinaryPrimitives.ReadInt32LittleEndian(header[16..]) != dimension)
            throw UserInputException.ForFile(path, $"not the vector file of the snapshot ({stream.Length} bytes, expected {expected})");
        var vectors = new float[(long)count * dimension];
        var hash = new XxHash3();
        const int chunk = 1 << 18;
        for (long at = 0; at < vectors.LongLength; at += chunk)
        {
            var bytes = MemoryMarshal.AsBytes(vectors.AsSpan((int)at, (int)Math.Min(chunk, vectors.LongLength - at)));
            stream.ReadExactly(bytes);
            hash.Append(bytes);
        }
        Span<byte> checksum = stackalloc byte[8];
        stream.ReadExactly(checksum);
        if (hash.GetCurrentHashAsUInt64() != BinaryPrimitives.ReadUInt64LittleEndian(checksum))
            throw UserInputException.ForFile(path, "checksum mismatch: the file is corrupted");
        return vectors;
    }
}
