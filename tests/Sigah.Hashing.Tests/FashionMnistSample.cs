using Sigah.Core.Data;
using Sigah.IO;
using Sigah.IO.Data;

namespace Sigah.Hashing.Tests;

/// <summary>The first rows of Fashion-MNIST's training images (Debian's dataset-fashion-mnist), scaled to [0, 1].</summary>
internal static class FashionMnistSample
{
    /// <summary>The first <paramref name="rows"/> training images, 784 values each.</summary>
    public static FloatMatrix Train(int rows) =>
        VectorFile.Read(Path.Combine(FashionMnistLocations.DebianDirectory, "train-images-idx3-ubyte.gz"),
            new VectorReadOptions { Scale = 1f / 255f, MaxRows = rows });
}
