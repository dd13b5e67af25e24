using System.Security.Cryptography;
using System.Text;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.IO;

namespace Sigah.Hashing;

/// <summary>
/// Saves and loads fitted models. Layout (little-endian): magic <c>SIGAHMDL</c> (8 bytes), format version
/// (int32), method name (length-prefixed UTF-8), payload version, dimension, bits (int32 each), payload
/// length (int64), payload, then the SHA-256 of every preceding byte (32 bytes). Written atomically.
/// </summary>
public static class ModelFile
{
    /// <summary>Version of the container layout described above.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "SIGAHMDL"u8.ToArray();
    private const int ChecksumBytes = 32;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(IHashModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        byte[] bytes = ToBytes(model);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>The complete file content for <paramref name="model"/>, checksum included.</summary>
    public static byte[] ToBytes(IHashModel model)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) model.WritePayload(w);
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(model.Method);
            w.Write(model.PayloadVersion);
            w.Write(model.Dimension);
            w.Write(model.Bits);
            w.Write(payload.Length);
            w.Write(payload.GetBuffer(), 0, (int)payload.Length);
        }
        body.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        return body.ToArray();
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; any damage is a <see cref="UserInputException"/> naming the file.</summary>
    public static IHashModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw UserInputException.ForFile(path, "no such file"); }
        catch (DirectoryNotFoundException) { throw UserInputException.ForFile(path, "no such file"); }
        return FromBytes(bytes, path);
    }

    /// <summary>Parses file content; <paramref name="name"/> is used in error messages.</summary>
    public static IHashModel FromBytes(byte[] bytes, string name)
    {
        if (bytes.Length < Magic.Length + 4 + ChecksumBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw UserInputException.ForFile(name, "not a Sigah model file (bad magic)");
        int version = BitConverter.ToInt32(bytes, Magic.Length);
        if (version != FormatVersion)
            throw UserInputException.ForFile(name, $"model format version {version} is not supported (expected {FormatVersion})");
        int bodyLength = bytes.Length - ChecksumBytes;
        if (!SHA256.HashData(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength)))
            throw UserInputException.ForFile(name, "model file is corrupted (checksum mismatch)");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, bodyLength), Encoding.UTF8);
            r.ReadBytes(Magic.Length + 4);
            var header = new ModelHeader(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
            if (header.Dimension < 1 || header.Bits < 8 || header.Bits % 8 != 0 || header.Bits > PackedCodes.MaxBits)
                throw UserInputException.ForFile(name, $"model file is corrupted (dimension {header.Dimension}, bits {header.Bits})");
            long payloadLength = r.ReadInt64();
            if (payloadLength != bodyLength - r.BaseStream.Position)
                throw UserInputException.ForFile(name, "model file is corrupted (payload length)");
            var info = HasherRegistry.All.FirstOrDefault(h => h.Method == header.Method)
                ?? throw UserInputException.ForFile(name, $"model of unknown method '{header.Method}'");
            var model = info.Load(r, header);
            if (r.BaseStream.Position != bodyLength)
                throw UserInputException.ForFile(name, "model file is corrupted (payload has trailing bytes)");
            return model;
        }
        catch (EndOfStreamException)
        {
            throw UserInputException.ForFile(name, "model file is corrupted (payload too short)");
        }
        catch (InvalidDataException e)
        {
            throw UserInputException.ForFile(name, e.Message);
        }
        catch (FormatException)
        {
            throw UserInputException.ForFile(name, "model file is corrupted (method name)");
        }
        catch (OverflowException)
        {
            throw UserInputException.ForFile(name, "model file is corrupted (payload sizes overflow)");
        }
    }
}
