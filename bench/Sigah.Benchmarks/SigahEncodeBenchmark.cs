using BenchmarkDotNet.Attributes;
using Sigah.Core.Blas;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;

namespace Sigah.Benchmarks;

/// <summary>
/// SiGAH encoding (the generator's forward pass plus packing) against the bare sgemm calls of the same shapes —
/// (n × d)·(d × h) and (n × h)·(h × m) — the rate encoding is bound by. Goal: Encode within 1/0.6 of the baseline.
/// </summary>
[MemoryDiagnoser]
public class SigahEncodeBenchmark
{
    private const int Rows = 16384, Dimension = 784, Hidden = 1024, Bits = 64;
    private SigahModel _model = null!;
    private FloatMatrix _data = null!;
    private float[] _w1 = null!, _w2 = null!, _hidden = null!, _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _model = new SigahModel(new float[Dimension], 1f, GeneratorNetwork.CreateRandom(Dimension, Hidden, Bits, random));
        _data = new FloatMatrix(Rows, Dimension);
        for (int i = 0; i < _data.Data.Length; i++) _data.Data[i] = (float)random.NextDouble();
        _w1 = new float[Dimension * Hidden];
        _w2 = new float[Hidden * Bits];
        _hidden = new float[Rows * Hidden];
        _output = new float[Rows * Bits];
    }

    [Benchmark(Baseline = true)]
    public void SgemmBound()
    {
        Gemm.Sgemm(Transpose.No, Transpose.Yes, Rows, Hidden, Dimension, 1f, _data.Data, _w1, 0f, _hidden);
        Gemm.Sgemm(Transpose.No, Transpose.Yes, Rows, Bits, Hidden, 1f, _hidden, _w2, 0f, _output);
    }

    [Benchmark]
    public int Encode() => _model.EncodeAll(_data).Count;
}
