using Sigah.Core;

namespace Sigah.IO.Data;

/// <summary>The class labels of an MNIST-format image file, from its <c>*-labels-idx1-ubyte[.gz]</c> file.</summary>
internal static class MnistLabels
{
    /// <summary>The labels at <paramref name="path"/>, one per image of <paramref name="rows"/>; null when there is no label file.</summary>
    public static int[]? Read(string? path, int rows)
    {
        if (path is null || !File.Exists(path)) return null;
        var labels = LabelFile.Read(path);
        return labels.Length == rows ? labels : throw new UserInputException($"{Path.GetFileName(path)}: {labels.Length} labels for {rows} images");
    }
}
