using BenchmarkDotNet.Attributes;
using Sigah.Core.Codes;
using Sigah.Core.Hamming;
using Sigah.Index;

namespace Sigah.Benchmarks;

/// <summary>
/// The measurement behind the kernel choice in <see cref="HammingKernels"/>: the fused k-NN scan on the scalar
/// and the AVX2 path for each specialised code length (random codes, one thread).
/// Run: <c>dotnet run -c Release --project bench/Sigah.Benchmarks -- --filter '*HammingScan*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HammingScanBenchmarks
{
    private PackedCodes _database = null!;
    private PackedCodes _queries = null!;

    /// <summary>Code length.</summary>
    [Params(64, 128, 256, 512)]
    public int Bits { get; set; }

    /// <summary>Kernel family.</summary>
    [Params(nameof(HammingKernelPath.Scalar), nameof(HammingKernelPath.Avx2))]
    public string Path { get; set; } = "";

    private HammingKernelPath KernelPath => Enum.Parse<HammingKernelPath>(Path);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _database = new PackedCodes(200_000, Bits);
        _queries = new PackedCodes(100, Bits);
        rng.NextBytes(_database.Data);
        rng.NextBytes(_queries.Data);
    }

    /// <summary>100 queries, k = 10, over 200K codes.</summary>
    [Benchmark]
    public HammingKnnResult Knn10() => LinearScan.Search(_database, _queries, 10, threads: 1, KernelPath);
}
