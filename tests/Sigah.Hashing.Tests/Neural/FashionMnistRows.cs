using Sigah.Core.Data;
using Sigah.Core.IO;

namespace Sigah.Hashing.Tests.Neural;

/// <summary>The first rows of the Fashion-MNIST training images (Debian package <c>dataset-fashion-mnist</c>), scaled to [0, 1].</summary>
internal static class FashionMnistRows
{
    private const string TrainImages = FashionMnistLocations.DebianDirectory + "/train-images-idx3-ubyte.gz";

    /// <summary>Reads the first <paramref name="rows"/> images as a rows × 784 matrix.</summary>
    internal static FloatMatrix Read(int rows) =>
        VectorFile.Read(TrainImages, new VectorReadOptions { MaxRows = rows, Scale = 1f / 255 });
}
