using System.Collections.Concurrent;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing;

namespace Sigah.Onnx.Tests;

/// <summary>Real Fashion-MNIST rows and one fit per method and length (seed 5), shared by the tests of a class.</summary>
public sealed class FittedModels
{
    private const string Directory = "/usr/share/datasets/fashion-mnist";
    private readonly ConcurrentDictionary<(string, int), Lazy<IHashModel>> _models = new();

    /// <summary>The first 2000 training images, scaled to [0, 1].</summary>
    public FloatMatrix Train { get; } = Read("train-images-idx3-ubyte.gz", 2000);

    /// <summary>The first 2000 test images, never seen in training.</summary>
    public FloatMatrix Queries { get; } = Read("t10k-images-idx3-ubyte.gz", 2000);

    /// <summary>The fit of <paramref name="method"/> at <paramref name="bits"/> bits on <see cref="Train"/>.</summary>
    public IHashModel Model(string method, int bits) =>
        _models.GetOrAdd((method, bits), key => new Lazy<IHashModel>(() =>
            HasherRegistry.Get(key.Item1).Create(key.Item2).Fit(Train, new TrainingContext { Seed = 5 }))).Value;

    private static FloatMatrix Read(string file, int rows) =>
        VectorFile.Read(Path.Combine(Directory, file), new VectorReadOptions { Scale = 1f / 255, MaxRows = rows });
}
