using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sigah.Core.Data;

namespace Sigah.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime, the way a user outside .NET would.</summary>
internal static class OnnxRunner
{
    /// <summary>The codes the ONNX model <paramref name="model"/> gives for <paramref name="vectors"/>, n × bytes.</summary>
    public static byte[] Encode(byte[] model, FloatMatrix vectors)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var input = new DenseTensor<float>(vectors.Data, [vectors.Rows, vectors.Cols]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("vectors", input)]);
        var output = results.Single(r => r.Name == "codes");
        return output.AsTensor<byte>().ToArray();
    }
}
