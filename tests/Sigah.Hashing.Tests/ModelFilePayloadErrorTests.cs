using System.Buffers.Binary;
using System.Security.Cryptography;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Linear;

namespace Sigah.Hashing.Tests;

public class ModelFilePayloadErrorTests
{
    [Fact]
    public void A_payload_the_method_rejects_is_a_user_error_naming_the_file()
    {
        var random = new Random(1);
        var train = new FloatMatrix(50, 6, Enumerable.Range(0, 300).Select(_ => (float)random.NextDouble()).ToArray());
        var model = new LshHasher(new LshOptions { Bits = 8 }).Fit(train, new TrainingContext { Seed = 1 });
        byte[] bytes = ModelFile.ToBytes(model);

        // Layout: magic (8), format version (4), method "lsh" (1 length byte + 3), then the payload version: set it to
        // 99 and re-seal the checksum, so only the method's own loader can object.
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 99);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);

        var e = Assert.Throws<UserInputException>(() => ModelFile.FromBytes(bytes, "/some/dir/old.model"));
        Assert.Equal($"old.model: lsh payload version 99 is not supported (expected {model.PayloadVersion})", e.Message);
    }
}
