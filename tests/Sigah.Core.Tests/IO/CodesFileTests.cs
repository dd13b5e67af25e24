using Sigah.Core.Codes;
using Sigah.IO;

namespace Sigah.Core.Tests.IO;

public class CodesFileTests
{
    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(5, 24)]
    [InlineData(33, 128)]
    public void Round_trips_codes(int count, int bits)
    {
        using var dir = new TempDirectory();
        var codes = new PackedCodes(count, bits);
        new Random(count + bits).NextBytes(codes.Data);
        string path = dir.File("c.npy");
        CodesFile.Write(path, codes);
        var back = CodesFile.Read(path);
        Assert.Equal(count, back.Count);
        Assert.Equal(bits, back.Bits);
        Assert.Equal(codes.Data, back.Data);
        var raw = NpyFile.Read(path);
        Assert.Equal("|u1", raw.DType);
        Assert.Equal([count, bits / 8], raw.Shape);
    }

    [Fact]
    public void Wrong_dtype_and_shape_are_reported()
    {
        using var dir = new TempDirectory();
        NpyFile.Write<float>(dir.File("f.npy"), new float[4], 2, 2);
        Assert.Equal("f.npy: codes must have dtype uint8 ('|u1'), found '<f4'", Assert.Throws<UserInputException>(() => CodesFile.Read(dir.File("f.npy"))).Message);
        NpyFile.Write<byte>(dir.File("v.npy"), new byte[4], 4);
        Assert.Equal("v.npy: codes must be a 2-D array (n, bits/8), found shape (4,)", Assert.Throws<UserInputException>(() => CodesFile.Read(dir.File("v.npy"))).Message);
        NpyFile.Write<byte>(dir.File("z.npy"), [], 3, 0);
        Assert.Equal("z.npy: codes of 0 bytes are not supported (1 to 512 bytes)", Assert.Throws<UserInputException>(() => CodesFile.Read(dir.File("z.npy"))).Message);
    }
}
