using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Sigah.Core.Blas;
using Sigah.Hashing.Neural;

namespace Sigah.Benchmarks.Neural;

/// <summary>
/// One training step (forward, squared-error gradient, backward, Adam) of a 784 → 1024 → 64 → 1024 → 784 ReLU auto-encoder
/// MLP at batch 256,
/// next to the very sgemm calls that step makes, run bare on the same buffers. Both report the step's GEMM FLOP
/// count over their median time (column <c>GFLOP/s</c>); <c>% of sgemm</c> is the step's share of the bare-sgemm rate, the
/// overhead of everything that is not a matrix product (bias, activations, loss, Adam). Goal: ≥ 60 %.
/// Run: <c>dotnet run -c Release --project bench/Sigah.Benchmarks -- --filter '*Training*'</c>.
/// </summary>
[Config(typeof(TrainingStepConfig))]
public class TrainingStepBenchmark
{
    private const int Batch = 256;
    private static readonly int[] Widths = [784, 1024, 64, 1024, 784];

    /// <summary>
    /// GEMM FLOPs of one step: 2·B·in·out for each layer's forward and weight gradient, and for each input gradient
    /// except the first layer's, which training does not need.
    /// </summary>
    public static double StepFlops { get; } =
        Enumerable.Range(0, Widths.Length - 1).Sum(i => 2.0 * Batch * Widths[i] * Widths[i + 1] * (i == 0 ? 2 : 3));

    private Sequential _network = null!;
    private Dense[] _dense = null!;
    private BatchBuffers _buffers = null!;
    private Adam _adam = null!;
    private float[] _input = null!;
    private float[] _outputGradient = null!;
    private float[][] _activations = null!;
    private float[][] _gradients = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _network = new Sequential(
            new Dense(784, 1024, WeightInit.KaimingNormal, random, "enc1"), new Relu(1024),
            new Dense(1024, 64, WeightInit.XavierUniform, random, "enc2"), new Relu(64),
            new Dense(64, 1024, WeightInit.KaimingNormal, random, "dec1"), new Relu(1024),
            new Dense(1024, 784, WeightInit.XavierUniform, random, "dec2"));
        _dense = _network.Layers.OfType<Dense>().ToArray();
        _buffers = _network.CreateBuffers(Batch);
        _adam = new Adam(_network.Parameters, learningRate: 1e-4f);
        _input = new float[Batch * 784];
        for (int i = 0; i < _input.Length; i++) _input[i] = (float)random.NextDouble();
        _outputGradient = new float[Batch * 784];
        _activations = Widths.Select(w => new float[Batch * w]).ToArray();
        _gradients = Widths.Select(w => new float[Batch * w]).ToArray();
        _input.CopyTo(_activations[0], 0);
        // Non-zero operands everywhere, as in training (the baseline's accumulating outputs grow only polynomially).
        foreach (var g in _gradients)
            for (int i = 0; i < g.Length; i++) g[i] = (float)(random.NextDouble() - 0.5) * 1e-3f;
    }

    /// <summary>Forward, the gradient of the mean squared error against the input, backward without the input gradient, Adam step.</summary>
    [Benchmark]
    public void TrainingStep()
    {
        var output = _network.Forward(_buffers, _input, Batch);
        TensorPrimitives.Subtract(output, _input, _outputGradient);
        TensorPrimitives.Multiply(_outputGradient, 2f / _outputGradient.Length, _outputGradient);
        _network.Backward(_buffers, _outputGradient);
        _adam.Step();
    }

    /// <summary>The same eleven sgemm calls with the same shapes, operands and transposes, and nothing else.</summary>
    [Benchmark(Baseline = true)]
    public void Sgemm()
    {
        var dense = _dense;
        for (int i = 0; i < dense.Length; i++)
            Gemm.Sgemm(Transpose.No, Transpose.Yes, Batch, Widths[i + 1], Widths[i], 1f, _activations[i], dense[i].Weight.Value, 1f, _activations[i + 1]);
        for (int i = dense.Length - 1; i >= 0; i--)
        {
            Gemm.Sgemm(Transpose.Yes, Transpose.No, Widths[i + 1], Widths[i], Batch, 1f, _gradients[i + 1], _activations[i], 1f, dense[i].Weight.Gradient);
            if (i > 0)
                Gemm.Sgemm(Transpose.No, Transpose.No, Batch, Widths[i], Widths[i + 1], 1f, _gradients[i + 1], dense[i].Weight.Value, 0f, _gradients[i]);
        }
    }

    private sealed class TrainingStepConfig : ManualConfig
    {
        public TrainingStepConfig()
        {
            // In process: no generated project to build, which on a loaded shared machine can exceed BenchmarkDotNet's build timeout.
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
            // Min and median next to the mean: on a shared machine they show what the code does when not preempted, and the
            // two derived columns use the median for that reason.
            AddColumn(StatisticColumn.Min, StatisticColumn.Median, new GflopsColumn(StepFlops), new ShareOfBaselineColumn());
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
