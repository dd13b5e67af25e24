using Sigah.Core;

namespace Sigah.IO.Data;

/// <summary>
/// A dataset in the MNIST layout (MNIST, Fashion-MNIST): the training images as base, the test images as queries, pixels
/// scaled to [0, 1], and the class labels of each set's <c>*-labels-idx1-ubyte[.gz]</c> file where there is one.
/// </summary>
internal static class MnistFiles
{
    /// <summary>Reads the images at <paramref name="trainImages"/> and <paramref name="testImages"/> and the labels at the paths given (null or missing: no labels).</summary>
    public static Dataset Load(string name, string trainImages, string testImages, string? trainLabels, string? testLabels)
    {
        var options = new VectorReadOptions { Scale = 1f / 255, RequireRows = true };
        var train = VectorFile.Read(trainImages, options);
        var test = VectorFile.Read(testImages, options);
        return new Dataset(name, train, test, GroundTruth: null)
        {
            TrainLabels = Labels(trainLabels, train.Rows),
            QueryLabels = Labels(testLabels, test.Rows),
        };
    }

    /// <summary>The labels at <paramref name="path"/>, one per image of <paramref name="rows"/>; null when there is no label file.</summary>
    private static int[]? Labels(string? path, int rows)
    {
        if (path is null || !File.Exists(path)) return null;
        var labels = LabelFile.Read(path);
        return labels.Length == rows ? labels : throw new UserInputException($"{Path.GetFileName(path)}: {labels.Length} labels for {rows} images");
    }
}
