using System.Diagnostics;
using System.Numerics;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;
using Xunit.Abstractions;

namespace Sigah.Onnx.Tests;

/// <summary>
/// Every registered hasher, fitted on real Fashion-MNIST rows, exported and run in ONNX Runtime on 2000 test images it
/// never saw: the codes equal those of <see cref="IHashModel.Encode"/> except for bits whose value sits within float
/// rounding of the threshold, which are counted (docs/interop.md records the counts).
/// </summary>
public sealed class ExportedModelTests(FittedModels fits, ITestOutputHelper output) : IClassFixture<FittedModels>
{
    public static TheoryData<string, int> Methods()
    {
        var data = new TheoryData<string, int>();
        foreach (var hasher in HasherRegistry.All)
            foreach (int bits in new[] { 32, 64 }) data.Add(hasher.Method, bits);
        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Onnx_runtime_gives_the_codes_of_encode(string method, int bits) =>
        AssertSameCodes(fits.Model(method, bits), fits.Queries);

    [Fact]
    public void A_sigah_generator_reading_its_inputs_directly_exports_too()
    {
        var model = new SigahHasher(new SigahOptions { Bits = 32, InputComponents = 0, MinSteps = 100, MaxSteps = 100 })
            .Fit(fits.Train, new TrainingContext { Seed = 5 });
        Assert.Null(((SigahModel)model).Components);
        AssertSameCodes(model, fits.Queries);
    }

    /// <summary>ONNX's own checker (Debian's python3-onnx) accepts every exported graph, with shape inference.</summary>
    [Fact]
    public void The_onnx_checker_accepts_every_exported_graph()
    {
        var dir = Directory.CreateTempSubdirectory("sigah-onnx-check-").FullName;
        try
        {
            var files = HasherRegistry.All.Select(h =>
            {
                string path = Path.Combine(dir, h.Method + ".onnx");
                OnnxExport.Save(fits.Model(h.Method, 32), path);
                return path;
            }).ToList();
            const string Script = "import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\n    print('ok', p)";
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            foreach (var file in files) start.ArgumentList.Add(file);
            using var python = Process.Start(start)!;
            string stdout = python.StandardOutput.ReadToEnd(), stderr = python.StandardError.ReadToEnd();
            python.WaitForExit();
            Assert.True(python.ExitCode == 0, stderr);
            Assert.Equal(files.Select(f => "ok " + f), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_model_without_an_onnx_form_is_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(new UnknownModel()));
        Assert.Equal("unknown models (UnknownModel) have no ONNX form", error.Message);
    }

    private void AssertSameCodes(IHashModel model, FloatMatrix vectors)
    {
        var expected = model.EncodeAll(vectors).Data;
        var actual = OnnxRunner.Encode(OnnxExport.ToBytes(model), vectors);
        Assert.Equal(expected.Length, actual.Length);
        int flips = 0;
        for (int i = 0; i < expected.Length; i++) flips += BitOperations.PopCount((uint)(expected[i] ^ actual[i]));
        long total = (long)vectors.Rows * model.Bits;
        output.WriteLine($"{model.Method} {model.Bits} bits: {flips} of {total} bits differ");
        // Float rounding moves only values within a few ulps of the threshold: a handful of bits in 64,000 at most.
        Assert.True(flips <= total / 10_000, $"{flips} of {total} bits differ");
    }

    private sealed class UnknownModel : IHashModel
    {
        public string Method => "unknown";
        public int Dimension => 4;
        public int Bits => 8;
        public int PayloadVersion => 1;
        public void Encode(ReadOnlySpan<float> vectors, int count, Span<byte> codes) => codes.Clear();
        public void WritePayload(BinaryWriter writer) { }
    }
}
