using System.Collections.Concurrent;
using Sigah.Core.Data;
using Sigah.IO;

namespace Sigah.Hashing.Tests.Conformance;

/// <summary>
/// Shared by the conformance tests: real Fashion-MNIST rows (scaled to [0, 1]) and one fitted model per method,
/// fitted once with <see cref="Seed"/> and reused by every test of that method.
/// </summary>
public sealed class ConformanceData
{
    /// <summary>Code length every method is tested at.</summary>
    public const int Bits = 32;

    /// <summary>Seed of the cached fits.</summary>
    public const int Seed = 11;

    private const string Directory = "/usr/share/datasets/fashion-mnist";
    private readonly ConcurrentDictionary<string, Lazy<IHashModel>> _models = new();

    /// <summary>The first 2000 training images (2000 × 784).</summary>
    public FloatMatrix Train { get; } = Read("train-images-idx3-ubyte.gz", 2000);

    /// <summary>The first 500 test images (500 × 784), never seen in training.</summary>
    public FloatMatrix Queries { get; } = Read("t10k-images-idx3-ubyte.gz", 500);

    /// <summary>A fresh fit of <paramref name="method"/> on <see cref="Train"/> at <see cref="Bits"/> bits.</summary>
    public static IHashModel Fit(string method, FloatMatrix train, int seed, int bits = Bits) =>
        HasherRegistry.Get(method).Create(bits).Fit(train, new TrainingContext { Seed = seed });

    /// <summary>The cached fit of <paramref name="method"/> with <see cref="Seed"/>.</summary>
    public IHashModel Model(string method) =>
        _models.GetOrAdd(method, m => new Lazy<IHashModel>(() => Fit(m, Train, Seed))).Value;

    private static FloatMatrix Read(string file, int rows) =>
        VectorFile.Read(Path.Combine(Directory, file), new VectorReadOptions { Scale = 1f / 255, MaxRows = rows });
}
