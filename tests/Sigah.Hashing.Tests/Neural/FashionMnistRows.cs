using System.Buffers.Binary;
using System.IO.Compression;
using Sigah.Core.Data;

namespace Sigah.Hashing.Tests.Neural;

/// <summary>The first rows of the Fashion-MNIST training images (Debian package <c>dataset-fashion-mnist</c>), scaled to [0, 1].</summary>
internal static class FashionMnistRows
{
    private const string TrainImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    /// <summary>Reads <paramref name="rows"/> images as a rows × 784 matrix (idx3 format: magic 2051, count, 28, 28, then bytes).</summary>
    internal static FloatMatrix Read(int rows)
    {
        using var gzip = new GZipStream(File.OpenRead(TrainImages), CompressionMode.Decompress);
        Span<byte> header = stackalloc byte[16];
        gzip.ReadExactly(header);
        Assert.Equal(2051, BinaryPrimitives.ReadInt32BigEndian(header));
        int dimension = BinaryPrimitives.ReadInt32BigEndian(header[8..]) * BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        var pixels = new byte[rows * dimension];
        gzip.ReadExactly(pixels);
        return new FloatMatrix(rows, dimension, pixels.Select(p => p / 255f).ToArray());
    }
}
